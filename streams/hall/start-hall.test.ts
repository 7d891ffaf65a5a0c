import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestOf, recentOf } from '../../app/live/live-view';
import { patrolChannel } from '../../app/patrol/patrol-channel';
import { reportChannel } from '../../app/report/report-channel';
import { startTestHall, TestSurface, waitUntil, type TestHall } from './test-hall';

let t: TestHall;
const now = () => Date.now();

beforeAll(async () => {
  t = await startTestHall();
});
afterAll(async () => {
  await t?.stop();
});

const postFixes = (unitId: string, body: unknown, token = t.terminalToken) =>
  fetch(`${t.hall.url}/api/patrols/${unitId}/positions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

async function metric(name: string, labels: Record<string, string> = {}): Promise<number> {
  const text = await (await t.api('/metrics', { role: 'monitor' })).text();
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  const line = text.split('\n').find((l) => (l.startsWith(`${name}{`) && want.every((w) => l.includes(w))) || (want.length === 0 && l.startsWith(`${name} `)));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

const wall = () => new TestSurface(t.hall.url, { token: t.tokens.wall ?? '' });

describe('the hall server', () => {
  it('answers /api/health, open to anyone, with the broker URL terminals should use and each module’s section', async () => {
    const body = (await (await t.api('/api/health', { role: 'none' })).json()) as Record<string, unknown>;
    expect(body).toMatchObject({ ok: true, broker: 'embedded', mqtt: t.hall.mqttUrl, db: { engine: 'pglite' }, live: { protocol: 2 } });
    expect(body.patrols).toMatchObject({ total: expect.any(Number), online: expect.any(Number) });
    expect(body.cameras).toMatchObject({ total: 0, online: 0 });
    expect(body.mqtt).toMatch(/^mqtt:\/\/127\.0\.0\.1:\d+$/);
  });

  it('publishes its OpenAPI document', async () => {
    const doc = (await (await t.api('/api/openapi.json', { role: 'none' })).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/health', '/api/city', '/api/session', '/api/patrols', '/api/cameras', '/api/reports', '/api/patrols/{unitId}/track', '/api/patrols/{unitId}/positions']),
    );
  });

  it('tells a surface who it is', async () => {
    expect(await (await t.api('/api/session', { role: 'wall' })).json()).toMatchObject({ role: 'wall', audience: 'full', protocol: 2, silence: { staleAfterMs: 30_000 } });
    expect(await (await t.api('/api/session', { role: 'exhibit' })).json()).toMatchObject({ role: 'exhibit', audience: 'exhibit' });
  });

  it('carries a GCJ-02 fix from an MQTT terminal through the real broker to a /live surface, in WGS84, its street and community', async () => {
    const live = wall();
    await live.waitFor((s) => s.view.epoch !== '');
    const terminal = await t.terminal('it-01');
    // 鲁谷 street centre, as an Amap-based handset reports it (GCJ-02).
    await terminal.publishAsync('gridwall/v1/patrol/it-01/position', JSON.stringify({ ts: now(), lon: 116.225361, lat: 39.898726, crs: 'gcj02' }));
    await live.waitFor((s) => latestOf(s.view, patrolChannel).has('it-01'));
    const p = latestOf(live.view, patrolChannel).get('it-01');
    expect(p?.lon).toBeCloseTo(116.2193012, 5);
    expect(p?.street).toBe('110107011000');
    expect(p?.community).toMatch(/^110107011\d{3}$/);
    expect(p?.seenAt).toBeGreaterThan(0);
    await terminal.endAsync();
    live.close();
  });

  it('takes fixes over HTTP from a terminal with a token, and refuses others clearly', async () => {
    const ok = await postFixes('http-01', [{ ts: now() - 1000, lon: 116.2, lat: 39.9 }, { ts: now(), lon: 116.201, lat: 39.9 }]);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ accepted: 2, duplicate: 0, outOfOrder: 0, rejected: [] });
    expect((await postFixes('http-01', { ts: now(), lon: 116.2, lat: 39.9 }, 'wrong-token-0123456789')).status).toBe(401);
    expect((await postFixes('http-01', { ts: now(), lon: 116.2, lat: 39.9 }, t.tokens.wall)).status).toBe(403);
    const none = await fetch(`${t.hall.url}/api/patrols/http-01/positions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
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

  it('stores tracks and replays a window in order, a page at a time', async () => {
    const base = now() - 60_000;
    const fixes = Array.from({ length: 30 }, (_, i) => ({ ts: base + i * 1000, lon: 116.2 + i * 1e-4, lat: 39.9 }));
    expect((await postFixes('replay-01', fixes)).status).toBe(200);
    await waitUntil(async () => t.hall.database.current() !== undefined, 30_000, 'the database');
    await waitUntil(async () => {
      await t.hall.modules.tracks.flush();
      return t.hall.modules.tracks.pending === 0;
    }, 30_000, 'the track writer');
    const track = async (q: string) => (await (await t.api(`/api/patrols/replay-01/track?${q}`, { role: 'wall' })).json()) as { points: Array<{ ts: number }>; truncated: boolean; next?: number };
    const res = await track(`from=${base + 5000}&to=${new Date(base + 9000).toISOString()}`);
    expect(res.points.map((p) => p.ts)).toEqual([5, 6, 7, 8, 9].map((k) => base + k * 1000));
    const page = await track(`from=${base}&to=${base + 60_000}&limit=10`);
    expect(page).toMatchObject({ truncated: true, next: base + 9000 + 1 });
    const rest = await track(`from=${page.next}&to=${base + 60_000}&limit=100`);
    expect(rest.points).toHaveLength(20);
    expect((await t.api('/api/patrols/replay-01/track?from=9&to=1', { role: 'wall' })).status).toBe(400);
  });

  it('stores an inspector report once and fans it out', async () => {
    const live = wall();
    await live.waitFor((s) => s.view.epoch !== '');
    const terminal = await t.terminal('it-01');
    const report = { id: 'rep-1', ts: now(), lon: 116.2193, lat: 39.8975, category: 'event.0102', description: '暴露垃圾', unitId: 'it-01' };
    await terminal.publishAsync('gridwall/v1/report', JSON.stringify(report), { qos: 1 });
    await terminal.publishAsync('gridwall/v1/report', JSON.stringify(report), { qos: 1 }); // a retry
    await live.waitFor((s) => recentOf(s.view, reportChannel).some((r) => r.id === 'rep-1'));
    await new Promise((r) => setTimeout(r, 300));
    expect(recentOf(live.view, reportChannel).filter((r) => r.id === 'rep-1')).toHaveLength(1);
    const listed = (await (await t.api('/api/reports', { role: 'wall' })).json()) as Array<{ id: string; street: string }>;
    expect(listed.filter((r) => r.id === 'rep-1')).toEqual([expect.objectContaining({ street: '110107011000' })]);
    await terminal.endAsync();
    live.close();
  });

  it('refuses bad MQTT input, counts it by reason, and stays up for everyone else', async () => {
    const bad = await t.terminal('bad-01');
    const send = (topic: string, body: string) => bad.publishAsync(`gridwall/v1/${topic}`, body);
    await send('patrol/bad-01/position', '{nope');
    await send('patrol/bad-01/position', JSON.stringify({ ts: now(), lon: 'x', lat: 39.9 }));
    await send('patrol/bad-01/position', JSON.stringify({ ts: now() + 86_400_000, lon: 116.2, lat: 39.9 }));
    await send('patrol/bad-01/position', JSON.stringify({ ts: now(), lon: 0, lat: 0 }));
    await send('patrol/bad-01/position', 'x'.repeat(70 * 1024));
    const good = await t.terminal('good-01');
    await good.publishAsync('gridwall/v1/patrol/good-01/position', JSON.stringify({ ts: now(), lon: 116.2, lat: 39.9 }));
    await waitUntil(() => t.hall.modules.patrols.get('good-01') !== undefined, 3000, 'the good fix');
    for (const reason of ['bad-json', 'bad-schema', 'ts-future', 'out-of-area', 'too-large']) {
      expect(await metric('gridwall_ingest_rejected_total', { reason, source: 'mqtt' }), reason).toBeGreaterThanOrEqual(1);
    }
    expect(t.hall.modules.patrols.get('bad-01')).toBeUndefined();
    await bad.endAsync();
    await good.endAsync();
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
    const page = await t.api('/', { role: 'none' });
    expect(page.status).toBe(503);
    expect(await page.text()).toContain('npm run build');
    const missing = await t.api('/api/nope');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: 'not-found' });
  });
});
