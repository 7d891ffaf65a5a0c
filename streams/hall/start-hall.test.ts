import mqtt from 'mqtt';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHall, TestSurface, waitUntil, type TestHall } from './test-hall';

let t: TestHall;
const now = () => Date.now();

beforeAll(async () => {
  t = await startTestHall();
});
afterAll(async () => {
  await t?.stop();
});

const api = (path: string, init?: RequestInit) => fetch(`${t.hall.url}${path}`, init);
const postFixes = (unitId: string, body: unknown, token = t.terminalToken) =>
  api(`/api/patrols/${unitId}/positions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

async function metric(name: string, labels: Record<string, string> = {}): Promise<number> {
  const text = await (await api('/metrics')).text();
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && want.every((w) => l.includes(w)) || (want.length === 0 && l.startsWith(`${name} `)));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

describe('the hall server', () => {
  it('answers /api/health with the broker URL terminals should use', async () => {
    const body = (await (await api('/api/health')).json()) as { ok: boolean; mqtt: string; broker: string; db: { engine: string } };
    expect(body).toMatchObject({ ok: true, broker: 'embedded', mqtt: t.hall.mqttUrl, db: { engine: 'pglite' } });
    expect(body.mqtt).toMatch(/^mqtt:\/\/127\.0\.0\.1:\d+$/);
  });

  it('publishes its OpenAPI document', async () => {
    const doc = (await (await api('/api/openapi.json')).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/health', '/api/city', '/api/patrols', '/api/cameras', '/api/reports', '/api/patrols/{unitId}/track', '/api/patrols/{unitId}/positions']),
    );
  });

  it('carries a GCJ-02 fix from an MQTT terminal through the real broker to a /live surface, in WGS84 and its street', async () => {
    const live = new TestSurface(t.hall.url);
    await live.waitFor((s) => s.view.epoch !== '');
    const terminal = await mqtt.connectAsync(t.hall.brokerUrl);
    // 鲁谷 street centre, as an Amap-based handset reports it (GCJ-02).
    await terminal.publishAsync('gridwall/v1/patrol/it-01/position', JSON.stringify({ ts: now(), lon: 116.225361, lat: 39.898726, crs: 'gcj02' }));
    await live.waitFor((s) => s.view.patrols.has('it-01'));
    const p = live.view.patrols.get('it-01');
    expect(p?.lon).toBeCloseTo(116.2193012, 5);
    expect(p?.street).toBe('110107011000');
    await terminal.endAsync();
    live.close();
  });

  it('takes fixes over HTTP from a terminal with a token, and refuses others clearly', async () => {
    const ok = await postFixes('http-01', [{ ts: now() - 1000, lon: 116.2, lat: 39.9 }, { ts: now(), lon: 116.201, lat: 39.9 }]);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ accepted: 2, duplicate: 0, outOfOrder: 0, rejected: [] });
    expect((await postFixes('http-01', { ts: now(), lon: 116.2, lat: 39.9 }, 'wrong-token')).status).toBe(401);
    const none = await api('/api/patrols/http-01/positions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ error: 'unauthorized' });
    const bad = await postFixes('http-01', { ts: now(), lon: 39.9, lat: 116.2 });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ error: 'rejected', rejected: [{ index: 0, reason: 'coords-swapped' }] });
    const notJson = await postFixes('http-01', '{"ts": 1, "lon": NaN}');
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ error: 'bad-json' });
    const tooBig = await postFixes('http-01', JSON.stringify({ pad: 'x'.repeat(70 * 1024) }));
    expect(tooBig.status).toBe(413);
    expect(await metric('gridwall_ingest_rejected_total', { reason: 'bad-json', source: 'http' })).toBe(1);
    expect(await metric('gridwall_ingest_rejected_total', { reason: 'too-large', source: 'http' })).toBe(1);
    expect(await metric('gridwall_ingest_rejected_total', { reason: 'coords-swapped', source: 'http' })).toBe(1);
  });

  it('stores tracks and replays a window in order', async () => {
    const base = now() - 60_000;
    const fixes = Array.from({ length: 30 }, (_, i) => ({ ts: base + i * 1000, lon: 116.2 + i * 1e-4, lat: 39.9 }));
    expect((await postFixes('replay-01', fixes)).status).toBe(200);
    await waitUntil(async () => t.hall.database.current() !== undefined, 30_000, 'the database');
    await t.hall.tracks.flush();
    const res = (await (await api(`/api/patrols/replay-01/track?from=${base + 5000}&to=${new Date(base + 9000).toISOString()}`)).json()) as {
      points: Array<{ ts: number }>;
    };
    expect(res.points.map((p) => p.ts)).toEqual([5, 6, 7, 8, 9].map((k) => base + k * 1000));
    expect((await api('/api/patrols/replay-01/track?from=9&to=1')).status).toBe(400);
  });

  it('stores an inspector report once and fans it out', async () => {
    const live = new TestSurface(t.hall.url);
    await live.waitFor((s) => s.view.epoch !== '');
    const terminal = await mqtt.connectAsync(t.hall.brokerUrl);
    const report = { id: 'rep-1', ts: now(), lon: 116.2193, lat: 39.8975, category: 'event.0102', description: '暴露垃圾', unitId: 'it-01' };
    await terminal.publishAsync('gridwall/v1/report', JSON.stringify(report), { qos: 1 });
    await terminal.publishAsync('gridwall/v1/report', JSON.stringify(report), { qos: 1 }); // a retry
    await live.waitFor((s) => s.view.reports.some((r) => r.id === 'rep-1'));
    await new Promise((r) => setTimeout(r, 300));
    expect(live.view.reports.filter((r) => r.id === 'rep-1')).toHaveLength(1);
    const listed = (await (await api('/api/reports')).json()) as Array<{ id: string; street: string }>;
    expect(listed.filter((r) => r.id === 'rep-1')).toEqual([expect.objectContaining({ street: '110107011000' })]);
    await terminal.endAsync();
    live.close();
  });

  it('refuses bad MQTT input, counts it by reason, and stays up for everyone else', async () => {
    const terminal = await mqtt.connectAsync(t.hall.brokerUrl);
    const send = (topic: string, body: string) => terminal.publishAsync(`gridwall/v1/${topic}`, body);
    await send('patrol/bad-01/position', '{nope');
    await send('patrol/bad-01/position', JSON.stringify({ ts: now(), lon: 'x', lat: 39.9 }));
    await send('patrol/bad-01/position', JSON.stringify({ ts: now() + 86_400_000, lon: 116.2, lat: 39.9 }));
    await send('patrol/bad-01/position', JSON.stringify({ ts: now(), lon: 0, lat: 0 }));
    await send('patrol/bad-01/position', 'x'.repeat(70 * 1024));
    await send('somewhere/else', '{}');
    await send('patrol/good-01/position', JSON.stringify({ ts: now(), lon: 116.2, lat: 39.9 }));
    await waitUntil(() => t.hall.state.patrols.get('good-01') !== undefined, 3000, 'the good fix');
    for (const reason of ['bad-json', 'bad-schema', 'ts-future', 'out-of-area', 'too-large', 'unknown-topic']) {
      expect(await metric('gridwall_ingest_rejected_total', { reason, source: 'mqtt' }), reason).toBeGreaterThanOrEqual(1);
    }
    expect(t.hall.state.patrols.get('bad-01')).toBeUndefined();
    await terminal.endAsync();
  });

  it('refuses a socket that does not speak the protocol, with a reason', async () => {
    const ws = new WebSocket(`${t.hall.url.replace('http', 'ws')}/live`);
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    const got: string[] = [];
    ws.on('message', (d) => got.push(d.toString()));
    ws.on('open', () => ws.send('{"type":"hello","protocol":99}'));
    expect(await closed).toBe(1008);
    expect(got[0]).toContain('bad-message');
  });

  it('serves a clear 503 when the wall app is not built, and JSON 404s under /api', async () => {
    const page = await api('/');
    expect(page.status).toBe(503);
    expect(await page.text()).toContain('npm run build');
    const missing = await api('/api/nope');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: 'not-found' });
  });
});
