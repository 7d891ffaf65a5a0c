import { afterAll, describe, expect, it } from 'vitest';
import { startTestHall, waitUntil, type TestHall } from './test-hall';

let t: TestHall | undefined;
afterAll(async () => {
  await t?.stop();
});

describe('a flooding terminal', () => {
  it('is cut off by the embedded broker, counted, and does not stop the others', async () => {
    t = await startTestHall({ MQTT_CLIENT_MAX_RATE: '50' });
    const hall = t.hall;
    const flood = await t.terminal('flood-01');
    const calm = await t.terminal('calm-01');
    const closed = new Promise<void>((resolve) => flood.once('close', () => resolve()));
    for (let i = 0; i < 1000; i++) flood.publish('gridwall/v1/patrol/flood-01/position', JSON.stringify({ ts: Date.now(), lon: 116.2, lat: 39.9 }));
    await closed;
    await calm.publishAsync('gridwall/v1/patrol/calm-01/position', JSON.stringify({ ts: Date.now(), lon: 116.2, lat: 39.9 }));
    await waitUntil(() => hall.modules.patrols.get('calm-01') !== undefined, 3000, 'the calm terminal’s fix');
    const limited = (await hall.metrics.ingestRejected.get()).values.find((v) => v.labels.reason === 'rate-limited' && v.labels.source === 'mqtt-client');
    expect(limited?.value).toBeGreaterThanOrEqual(1);
    await calm.endAsync();
    await flood.endAsync(true);
  });
});
