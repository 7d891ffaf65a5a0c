// Tried from outside, as an attacker or a clumsy integrator would: who may read, send and watch what.
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestOf, recentOf } from '../../app/live/live-view';
import { patrolChannel } from '../../app/patrol/patrol-channel';
import { reportChannel } from '../../app/report/report-channel';
import { startTestHall, TestSurface, waitUntil, type TestHall } from './test-hall';

const A = '110107001000'; // 八宝山街道
const B = '110107011000'; // 鲁谷街道
const SUB = `subcentre-token-${'x'.repeat(12)}`;
let t: TestHall;

beforeAll(async () => {
  t = await startTestHall({
    GRIDWALL_TOKENS: [
      'terminal:terminal-token-0123456789',
      'wall:wall-token-0123456789ab',
      'exhibit:exhibit-token-0123456789',
      'monitor:monitor-token-0123456789',
      'admin:admin-token-0123456789ab',
      `subcentre@${A}:${SUB}`,
    ].join(','),
  });
  // One patrol and one report in each street.
  const now = Date.now();
  t.hall.inject('gridwall/v1/patrol/sjs-a/position', JSON.stringify({ ts: now, lon: 116.2401, lat: 39.905 }));
  t.hall.inject('gridwall/v1/patrol/sjs-b/position', JSON.stringify({ ts: now, lon: 116.2193, lat: 39.8975 }));
  t.hall.inject('gridwall/v1/report', JSON.stringify({ id: 'r-b', ts: now, lon: 116.2193, lat: 39.8975, category: 'event.0102', description: '王五 13912345678 京A12345', photos: ['https://x/p.jpg'], unitId: 'sjs-b' }));
  await waitUntil(() => t.hall.modules.patrols.list().length === 2 && t.hall.modules.reports.recent().length === 1, 10_000, 'the seed data');
});
afterAll(async () => {
  await t?.stop();
});

const get = (path: string, token?: string) => fetch(`${t.hall.url}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});

/** Opens /live and reports what the server said and how it closed. */
function tryLive(hello: Record<string, unknown>, headers: Record<string, string> = {}): Promise<{ code: number; messages: Array<{ type: string; code?: string }> }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${t.hall.url.replace('http', 'ws')}/live`, { headers });
    const messages: Array<{ type: string; code?: string }> = [];
    ws.on('open', () => ws.send(JSON.stringify({ type: 'hello', protocol: 2, surface: 'probe', ...hello })));
    ws.on('message', (d) => messages.push(JSON.parse(d.toString()) as { type: string }));
    ws.on('unexpected-response', (_req, res) => resolve({ code: res.statusCode ?? 0, messages }));
    ws.on('close', (code) => resolve({ code, messages }));
    ws.on('error', () => {});
  });
}

describe('reads need a role', () => {
  it('keeps /api/health open and everything with personal data closed', async () => {
    expect((await get('/api/health')).status).toBe(200);
    for (const path of ['/api/patrols', '/api/reports', '/api/patrols/sjs-a/track', '/api/cameras', '/api/city', '/metrics']) {
      const res = await get(path);
      expect(res.status, path).toBe(401);
      expect(((await res.json()) as { error: string }).error).toBe('unauthorized');
    }
    expect((await get('/api/patrols', 'nonsense-token-0123456789')).status).toBe(401);
  });

  it('gives each role what it holds, and says what is missing', async () => {
    expect((await get('/api/patrols', 'wall-token-0123456789ab')).status).toBe(200);
    const exhibit = await get('/api/patrols', 'exhibit-token-0123456789');
    expect(exhibit.status).toBe(403);
    expect(((await exhibit.json()) as { message: string }).message).toContain('exhibit');
    expect((await get('/metrics', 'wall-token-0123456789ab')).status).toBe(403);
    expect((await get('/metrics', 'monitor-token-0123456789')).status).toBe(200);
    expect((await get('/api/patrols', 'terminal-token-0123456789')).status).toBe(403);
  });

  it('gives a sub-centre token its own streets only', async () => {
    const patrols = (await (await get('/api/patrols', SUB)).json()) as Array<{ unitId: string; street: string }>;
    expect(patrols.map((p) => p.unitId)).toEqual(['sjs-a']);
    expect((await (await get('/api/reports', SUB)).json()) as unknown[]).toEqual([]);
    expect((await get('/api/patrols/sjs-b/track', SUB)).status).toBe(403);
    expect((await get('/api/patrols/sjs-a/track', SUB)).status).not.toBe(403);
  });

  it('checks the token before it reads a body', async () => {
    const before = (await t.hall.metrics.ingestRejected.get()).values.find((v) => v.labels.reason === 'bad-json' && v.labels.source === 'http')?.value ?? 0;
    const res = await fetch(`${t.hall.url}/api/patrols/sjs-a/positions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{not json' });
    expect(res.status).toBe(401);
    const after = (await t.hall.metrics.ingestRejected.get()).values.find((v) => v.labels.reason === 'bad-json' && v.labels.source === 'http')?.value ?? 0;
    expect(after).toBe(before);
  });

  it('refuses malformed unit ids and out-of-range times with 400, never 500', async () => {
    const post = await fetch(`${t.hall.url}/api/patrols/bad%20unit!/positions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer terminal-token-0123456789' },
      body: JSON.stringify({ ts: Date.now(), lon: 116.2, lat: 39.9 }),
    });
    expect(post.status).toBe(400);
    for (const q of ['to=99999999999999999999', 'from=-1&to=5', 'from=0&to=8640000000000001', `from=0&to=${Date.now()}`, 'limit=0', 'limit=abc']) {
      expect((await get(`/api/patrols/sjs-a/track?${q}`, 'wall-token-0123456789ab')).status, q).toBe(400);
    }
  });
});

describe('/live admits surfaces by token and origin', () => {
  it('refuses a missing, unknown or non-surface token with a clear reason', async () => {
    const none = await tryLive({});
    expect(none.messages[0]).toMatchObject({ type: 'error', code: 'bad-message' });
    const unknown = await tryLive({ token: 'who-knows-0123456789' });
    expect(unknown).toMatchObject({ code: 4401, messages: [{ type: 'error', code: 'unauthorized' }] });
    const terminal = await tryLive({ token: 'terminal-token-0123456789' });
    expect(terminal).toMatchObject({ code: 4401, messages: [{ type: 'error', code: 'unauthorized' }] });
  });

  it('keeps a sub-centre within its streets', async () => {
    const city = await tryLive({ token: SUB, scope: {} });
    expect(city).toMatchObject({ code: 4403, messages: [{ type: 'error', code: 'forbidden-scope' }] });
    const other = await tryLive({ token: SUB, scope: { streets: [B] } });
    expect(other).toMatchObject({ code: 4403 });
    const own = new TestSurface(t.hall.url, { token: SUB });
    await own.waitFor((s) => s.view.epoch !== '');
    expect([...latestOf(own.view, patrolChannel).keys()]).toEqual(['sjs-a']);
    own.close();
  });

  it('refuses pages from other origins and rebound host names', async () => {
    expect((await tryLive({ token: 'wall-token-0123456789ab' }, { origin: 'https://evil.example' })).code).toBe(403);
    expect((await tryLive({ token: 'wall-token-0123456789ab' }, { host: 'evil.example' })).code).toBe(403);
    const same = new TestSurface(t.hall.url, { token: 'wall-token-0123456789ab' }, { headers: { origin: t.hall.url } });
    await same.waitFor((s) => s.view.epoch !== '');
    same.close();
  });

  it('masks personal data for exhibit surfaces', async () => {
    const visitor = new TestSurface(t.hall.url, { token: 'exhibit-token-0123456789' });
    await visitor.waitFor((s) => s.view.epoch !== '' && recentOf(s.view, reportChannel).length === 1);
    const text = JSON.stringify(visitor.messages);
    for (const secret of ['sjs-a', 'sjs-b', '13912345678', '京A12345', 'https://x/p.jpg']) expect(text).not.toContain(secret);
    expect(latestOf(visitor.view, patrolChannel).size).toBe(2);
    visitor.close();
  });
});
