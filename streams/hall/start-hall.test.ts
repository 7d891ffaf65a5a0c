import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import mqtt from 'mqtt';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerMessage } from '../../app/live/protocol';
import { loadDemoCity } from '../city/demo-city';
import { loadConfig } from '../config/config';
import { startHall, type Hall } from './start-hall';

let hall: Hall;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'gridwall-hall-'));
  const config = loadConfig({ PORT: '0', MQTT_PORT: '0', GRIDWALL_DATA: dataDir, LIVE_TICK_MS: '50' });
  hall = await startHall(config, { city: await loadDemoCity() });
});

afterAll(async () => {
  await hall?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

/** A /live client that records every message. */
function liveClient(hello: Record<string, unknown> = {}) {
  const messages: ServerMessage[] = [];
  const ws = new WebSocket(`${hall.url.replace('http', 'ws')}/live`);
  ws.on('open', () => ws.send(JSON.stringify({ type: 'hello', protocol: 1, surface: 'test', ...hello })));
  ws.on('message', (d) => messages.push(JSON.parse(d.toString()) as ServerMessage));
  const waitFor = async (pred: (m: ServerMessage[]) => boolean, ms = 5000) => {
    const until = Date.now() + ms;
    while (!pred(messages)) {
      if (Date.now() > until) throw new Error(`timed out; got ${JSON.stringify(messages).slice(0, 500)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return { ws, messages, waitFor };
}

describe('the hall server, end to end inside Node', () => {
  it('answers /api/health with the broker URL terminals should use', async () => {
    const res = await fetch(`${hall.url}/api/health`);
    const body = (await res.json()) as { ok: boolean; mqtt: string; broker: string };
    expect(body.ok).toBe(true);
    expect(body.broker).toBe('embedded');
    expect(body.mqtt).toBe(hall.mqttUrl);
    expect(body.mqtt).toMatch(/^mqtt:\/\/127\.0\.0\.1:\d+$/);
  });

  it('publishes its OpenAPI document', async () => {
    const doc = (await (await fetch(`${hall.url}/api/openapi.json`)).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/health', '/api/city', '/api/patrols', '/api/cameras']));
  });

  it('carries a fix from an MQTT terminal through the real broker to a /live surface', async () => {
    const live = liveClient();
    await live.waitFor((m) => m.some((x) => x.type === 'snapshot'));
    const terminal = await mqtt.connectAsync(hall.brokerUrl);
    const ts = Date.now();
    await terminal.publishAsync('gridwall/v1/patrol/it-01/position', JSON.stringify({ ts, lon: 116.2, lat: 39.91, speed: 1.2 }));
    await live.waitFor((m) => m.some((x) => x.type === 'delta' && x.patrols?.some((p) => p.unitId === 'it-01')));
    const delta = live.messages.find((x) => x.type === 'delta');
    expect(delta).toMatchObject({ seq: expect.any(Number) });
    const patrols = (await (await fetch(`${hall.url}/api/patrols`)).json()) as Array<{ unitId: string; ts: number }>;
    expect(patrols.find((p) => p.unitId === 'it-01')?.ts).toBe(ts);
    await terminal.endAsync();
    live.ws.close();
  });

  it('refuses a socket that does not speak the protocol, with a reason', async () => {
    const ws = new WebSocket(`${hall.url.replace('http', 'ws')}/live`);
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    const got: string[] = [];
    ws.on('message', (d) => got.push(d.toString()));
    ws.on('open', () => ws.send('{"type":"hello","protocol":99}'));
    expect(await closed).toBe(1008);
    expect(got[0]).toContain('bad-message');
  });

  it('serves a clear 503 when the wall app is not built, and JSON 404s under /api', async () => {
    const page = await fetch(`${hall.url}/`);
    expect(page.status).toBe(503);
    expect(await page.text()).toContain('npm run build');
    const missing = await fetch(`${hall.url}/api/nope`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: 'not-found' });
  });
});
