// Live video from several host names of one hall: the video ticket, CORS for the hall's own pages only,
// and a Content-Security-Policy that names the video host names and the platforms played directly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VideoAccess } from '../../../app/video-wall/video-access';
import { startTestHall, waitUntil, type TestHall } from '../../hall/test-hall';

let t: TestHall;
let port: string;
const AT = { lon: 116.2193, lat: 39.8975 };

beforeAll(async () => {
  t = await startTestHall();
  port = new URL(t.hall.url).port;
  const r = await t.hall.modules.cameras.register({ id: 'vt-1', name: '鲁谷路', ...AT, main: { url: 'synthetic:vt-1' } }, 'test', { synthetic: { kind: 'synthetic', label: '鲁谷路', variant: 2, width: 320, height: 180, fps: 10 } });
  expect(r.ok).toBe(true);
}, 120_000);
afterAll(async () => {
  await t?.stop();
});

const access = async (role: 'wall' | 'exhibit' | 'none' = 'wall') => t.api('/api/video/access', { role });

describe('video access', () => {
  it('gives a surface a ticket and six loopback host names on its port; nobody without a token', async () => {
    expect((await access('none')).status).toBe(401);
    const res = await access();
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('no-store');
    const a = (await res.json()) as VideoAccess;
    expect(a.origins).toEqual([1, 2, 3, 4, 5, 6].map((i) => `http://v${i}.localhost:${port}`));
    expect(a.expiresAt).toBeGreaterThan(Date.now() + 20 * 60_000);
    expect(a.ticket).not.toContain(t.tokens.wall ?? '-');
  });

  it('plays a stream with the ticket in the URL and no header; a forged ticket or a ticket on the API gets 401', async () => {
    const { ticket } = (await (await access()).json()) as VideoAccess;
    const url = (vt: string) => `${t.hall.url}/video/vt-1/index.m3u8?vt=${encodeURIComponent(vt)}`;
    await waitUntil(async () => (await fetch(url(ticket))).status === 200, 30_000, 'the synthetic camera’s playlist');
    const playlist = await (await fetch(url(ticket))).text();
    const segment = /^(\S+\.ts)$/m.exec(playlist)?.[1] ?? '';
    expect((await fetch(`${t.hall.url}/video/vt-1/${segment}?vt=${encodeURIComponent(ticket)}`)).status).toBe(200);
    expect((await fetch(url(ticket.slice(0, -2) + (ticket.endsWith('AA') ? 'BB' : 'AA')))).status).toBe(401);
    expect((await fetch(`${t.hall.url}/video/vt-1/index.m3u8`)).status).toBe(401);
    expect((await fetch(`${t.hall.url}/api/cameras?vt=${encodeURIComponent(ticket)}`)).status).toBe(401);
  });

  it('answers the hall’s own pages with CORS (refusals too), and no page of another origin', async () => {
    const own = await t.api('/video/vt-1/index.m3u8', { role: 'wall', headers: { origin: `http://localhost:${port}` } });
    expect(own.headers.get('access-control-allow-origin')).toBe(`http://localhost:${port}`);
    const refused = await fetch(`${t.hall.url}/video/vt-1/index.m3u8`, { headers: { origin: `http://127.0.0.1:${port}` } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBe(`http://127.0.0.1:${port}`);
    const evil = await t.api('/video/vt-1/index.m3u8', { role: 'wall', headers: { origin: 'http://evil.example' } });
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('lets pages fetch video from the hall’s host names and from a platform a camera plays directly, nothing else', async () => {
    const csp = async () => (await t.api('/api/health')).headers.get('content-security-policy') ?? '';
    const connect = (p: string) => /connect-src ([^;]*)/.exec(p)?.[1] ?? '';
    expect(connect(await csp())).toContain(`http://v6.localhost:${port}`);
    expect(connect(await csp())).not.toContain('10.0.0.8');
    const body = JSON.stringify({ id: 'wvp-1', name: '平台', ...AT, main: { url: 'http://10.0.0.8:8080/live/wvp-1.m3u8' } });
    let status = 0;
    // 503 until the camera store has opened.
    await waitUntil(async () => (status = (await t.api('/api/cameras', { role: 'operator', method: 'POST', headers: { 'content-type': 'application/json' }, body })).status) !== 503, 60_000, 'the camera store');
    expect(status).toBe(201);
    await waitUntil(async () => connect(await csp()).includes('http://10.0.0.8:8080'), 5000, 'the platform’s origin in the CSP');
    expect(/media-src ([^;]*)/.exec(await csp())?.[1]).toContain('http://10.0.0.8:8080');
  });
});
