// The embedded broker, tried from outside: who may connect, publish and subscribe.
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHall, waitUntil, type TestHall } from '../hall/test-hall';
import { mayPublish, maySubscribe, type Sender } from './broker-acl';

const TERMINAL = 'terminal-token-0123456789';
const BOUND = 'bound-terminal-0123456789';
const GATEWAY = 'gateway-token-0123456789';
let t: TestHall;

beforeAll(async () => {
  t = await startTestHall({ GRIDWALL_TOKENS: `terminal:${TERMINAL},terminal@unit-b1:${BOUND},gateway:${GATEWAY},wall:wall-token-0123456789ab,admin:admin-token-0123456789ab`, UNITS_PER_TOKEN: '3' });
});
afterAll(async () => {
  await t?.stop();
});

const connect = (opts: mqtt.IClientOptions) => mqtt.connectAsync(t.hall.brokerUrl, { reconnectPeriod: 0, connectTimeout: 3000, ...opts });
const refusedCount = async (reason: string) => (await t.hall.metrics.brokerRefused.get()).values.find((v) => v.labels.reason === reason)?.value ?? 0;
const fix = () => JSON.stringify({ ts: Date.now(), lon: 116.2, lat: 39.9 });
const closed = (c: MqttClient) => new Promise<void>((resolve) => c.once('close', () => resolve()));

describe('the embedded broker', () => {
  it('refuses anonymous clients and wrong passwords', async () => {
    await expect(connect({})).rejects.toThrow(/Bad username or password|Not authorized/i);
    await expect(connect({ username: 'unit-1', password: 'guess-0123456789abcdef' })).rejects.toThrow(/Bad username or password/i);
    await expect(connect({ username: 'unit-1', password: 'wall-token-0123456789ab' })).rejects.toThrow(); // not an MQTT role
    await expect(connect({ username: 'unit-x', password: BOUND })).rejects.toThrow(/Not authorized/i); // bound to unit-b1
    expect(await refusedCount('bad-credentials')).toBeGreaterThanOrEqual(2);
  });

  it('lets a terminal publish its own position and reports, nothing else', async () => {
    const own = await connect({ username: 'unit-1', password: TERMINAL });
    await own.publishAsync('gridwall/v1/patrol/unit-1/position', fix());
    await waitUntil(() => t.hall.modules.patrols.get('unit-1') !== undefined, 3000, 'its own fix');
    const gone = closed(own);
    own.publish('gridwall/v1/patrol/unit-2/position', fix()); // pretending to be another unit
    await gone;
    await new Promise((r) => setTimeout(r, 200));
    expect(t.hall.modules.patrols.get('unit-2')).toBeUndefined();
    expect(await refusedCount('not-own-unit')).toBe(1);
    await own.endAsync(true);
  });

  it('files a terminal’s report in its own name only', async () => {
    const c = await connect({ username: 'unit-5', password: TERMINAL });
    const report = (id: string, unitId?: string) => JSON.stringify({ id, ts: Date.now(), lon: 116.2193, lat: 39.8975, category: 'event.0102', description: 'x', ...(unitId ? { unitId } : {}) });
    await c.publishAsync('gridwall/v1/report', report('own-1'), { qos: 1 });
    await c.publishAsync('gridwall/v1/report', report('forged-1', 'unit-6'), { qos: 1 });
    await waitUntil(() => t.hall.modules.reports.recent().some((r) => r.id === 'own-1'), 10_000, 'the report');
    expect(t.hall.modules.reports.recent().find((r) => r.id === 'own-1')?.unitId).toBe('unit-5');
    expect(t.hall.modules.reports.recent().some((r) => r.id === 'forged-1')).toBe(false);
    await c.endAsync(true);
  });

  it('refuses retained messages and the cluster topic', async () => {
    const c = await connect({ username: 'unit-3', password: TERMINAL });
    const gone = closed(c);
    c.publish('gridwall/v1/patrol/unit-3/position', fix(), { retain: true });
    await gone;
    const admin = await connect({ username: 'ops', password: 'admin-token-0123456789ab' });
    const gone2 = closed(admin);
    admin.publish('gridwall/v1/_cluster/state', '{}');
    await gone2;
    expect(await refusedCount('retained')).toBe(1);
    expect(await refusedCount('cluster-topic')).toBe(1);
  });

  it('does not let a terminal watch other units', async () => {
    const c = await connect({ username: 'unit-1', password: TERMINAL });
    const qos = async (filter: string) => c.subscribeAsync(filter).then((g) => g[0]?.qos, () => 128); // mqtt.js rejects a refusal
    expect(await qos('gridwall/v1/patrol/+/position')).toBe(128);
    expect(await qos('gridwall/v1/#')).toBe(128);
    expect(await qos('#')).toBe(128);
    expect(await qos('gridwall/v1/patrol/unit-1/cmd')).toBe(0);
    await c.endAsync(true);
  });

  it('does not let a client id be taken over by another unit', async () => {
    const first = await connect({ username: 'unit-1', password: TERMINAL, clientId: 'handset-42' });
    await expect(connect({ username: 'unit-9', password: TERMINAL, clientId: 'handset-42' })).rejects.toThrow(/Identifier rejected/i);
    expect(first.connected).toBe(true);
    await first.endAsync(true);
  });

  it('limits the units one credential may speak for', async () => {
    const gw = await connect({ username: 'vendor-platform', password: GATEWAY });
    for (const u of ['g1', 'g2', 'g3', 'g4']) await gw.publishAsync(`gridwall/v1/patrol/${u}/position`, fix());
    await waitUntil(() => t.hall.modules.patrols.get('g3') !== undefined, 3000, 'three units');
    await new Promise((r) => setTimeout(r, 200));
    expect(t.hall.modules.patrols.get('g4')).toBeUndefined();
    const limited = (await t.hall.metrics.ingestRejected.get()).values.find((v) => v.labels.reason === 'too-many-units');
    expect(limited?.value).toBe(1);
    await gw.endAsync(true);
  });
});

describe('broker ACL rules', () => {
  const terminal: Sender = { role: 'terminal', credential: 'c', username: 'u1' };
  const gateway: Sender = { role: 'gateway', credential: 'c', username: 'vendor' };
  const p = 'gridwall/v1/';
  it('decides publishes', () => {
    expect(mayPublish(terminal, p, `${p}patrol/u1/position`)).toBe('ok');
    expect(mayPublish(terminal, p, `${p}report`)).toBe('ok');
    expect(mayPublish(terminal, p, `${p}patrol/u2/position`)).toBe('not-own-unit');
    expect(mayPublish(terminal, p, `${p}camera/c1/status`)).toBe('not-allowed');
    expect(mayPublish(gateway, p, `${p}camera/c1/status`)).toBe('ok');
    expect(mayPublish(gateway, p, `${p}patrol/any/position`)).toBe('ok');
    expect(mayPublish(gateway, p, 'elsewhere/x')).toBe('outside-prefix');
    expect(mayPublish(gateway, p, `${p}_cluster/state`)).toBe('cluster-topic');
  });
  it('decides subscriptions', () => {
    expect(maySubscribe(terminal, p, `${p}patrol/u1/cmd`)).toBe(true);
    expect(maySubscribe(terminal, p, `${p}patrol/u1/#`)).toBe(true);
    expect(maySubscribe(terminal, p, `${p}patrol/+/position`)).toBe(false);
    expect(maySubscribe(terminal, p, `$share/g/${p}#`)).toBe(false);
    expect(maySubscribe(gateway, p, `${p}#`)).toBe(false);
  });
});
