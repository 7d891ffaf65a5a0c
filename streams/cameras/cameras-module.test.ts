// The camera registry in a real hall (embedded broker, PGlite, the demo city): roles, the source policy,
// credentials kept out of every answer, persistence across a restart.
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CameraState } from '../../app/camera/camera';
import { cameraChannel } from '../../app/camera/camera-channel';
import { latestOf } from '../../app/live/live-view';
import { startTestHall, TestSurface, waitUntil, type TestHall } from '../hall/test-hall';

const SECRET = 'Zq9-s3cr3t-pw';
const json = { 'content-type': 'application/json' };
/** 鲁谷 in Shijingshan. */
const AT = { lon: 116.2193, lat: 39.8975 };

let t: TestHall;
let dataDir: string;
const logs: string[] = [];
/** Every response body the tests read, to check no credential ever left the hall. */
const seen: string[] = [];

type Role = 'operator' | 'admin' | 'wall' | 'exhibit' | 'leader' | 'monitor' | 'none';
async function call(method: string, pathname: string, role: Role, body?: unknown): Promise<{ status: number; text: string; json: () => Record<string, unknown> }> {
  const res = await t.api(pathname, { role, method, ...(body !== undefined ? { headers: json, body: JSON.stringify(body) } : {}) });
  const text = await res.text();
  seen.push(text);
  return { status: res.status, text, json: () => JSON.parse(text) as Record<string, unknown> };
}
const post = (body: unknown, role: Role = 'operator') => call('POST', '/api/cameras', role, body);
const cam = (id: string, over: Record<string, unknown> = {}) => ({ id, name: `鲁谷路 ${id}`, ...AT, main: { url: `rtsp://admin:${SECRET}@127.0.0.1:1/Streaming/Channels/101` }, ...over });

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'gridwall-cameras-'));
  await mkdir(path.join(dataDir, 'media', 'drill'), { recursive: true });
  await writeFile(path.join(dataDir, 'media', 'drill', 'market.mp4'), 'not really a video');
  await writeFile(path.join(dataDir, 'outside.mp4'), 'x');
  await symlink(path.join(dataDir, 'outside.mp4'), path.join(dataDir, 'media', 'escape.mp4'));
  t = await startTestHall({}, { warn: (l) => logs.push(l) }, dataDir);
  await waitUntil(async () => (await post(cam('warm-up'))).status !== 503, 60_000, 'the camera store to open');
}, 120_000);
afterAll(async () => {
  await t?.stop();
});

describe('the camera registry', () => {
  it('registers a pulled RTSP camera: 201, the gateway’s HLS, located, credentials redacted for the operator', async () => {
    const r = await post(cam('lugu-1', { heading: 90, fov: 60, groups: ['鲁谷', '夜市'], masks: [[[0, 0], [0.3, 0], [0.3, 0.3]]], exhibit: true, sub: { url: `rtsp://admin:${SECRET}@127.0.0.1:1/Streaming/Channels/102` } }));
    expect(r.status).toBe(201);
    expect(r.text).not.toContain(SECRET);
    expect(r.json()).toMatchObject({
      id: 'lugu-1',
      hls: '/video/lugu-1/index.m3u8',
      sub: { hls: '/video/lugu-1.sub/index.m3u8', url: 'rtsp://***@127.0.0.1:1/Streaming/Channels/102' },
      main: { url: 'rtsp://***@127.0.0.1:1/Streaming/Channels/101' },
      groups: ['鲁谷', '夜市'],
      heading: 90,
      exhibit: true,
      street: expect.stringMatching(/^110107\d{6}$/),
      health: { state: expect.any(String), since: expect.any(Number) },
    });
    expect((await post(cam('lugu-1'))).status).toBe(409);
    // Server side, the real URL is there for the gateway and the evidence service.
    expect(t.hall.modules.cameras.spec('lugu-1')?.main.url).toContain(SECRET);
    expect(t.hall.modules.cameras.source('lugu-1')).toEqual({ kind: 'rtsp', url: `rtsp://admin:${SECRET}@127.0.0.1:1/Streaming/Channels/101` });
  });

  it('plays an HLS URL without credentials directly, and a file from the media dir through the gateway', async () => {
    const hls = await post(cam('vms-1', { main: { url: 'http://192.168.10.5:8080/live/vms-1.m3u8' } }));
    expect(hls.status).toBe(201);
    expect(hls.json()).toMatchObject({ hls: 'http://192.168.10.5:8080/live/vms-1.m3u8', health: { state: 'direct' } });
    const token = await post(cam('vms-2', { main: { url: `http://192.168.10.5/live/vms-2.m3u8?token=${SECRET}` } }));
    expect(token.json()).toMatchObject({ hls: '/video/vms-2/index.m3u8', main: { url: 'http://192.168.10.5/live/vms-2.m3u8?token=***' } });
    const file = await post(cam('drill-1', { main: { url: 'file:drill/market.mp4' } }));
    expect(file.status).toBe(201);
    expect(t.hall.modules.cameras.source('drill-1')).toEqual({ kind: 'file', path: expect.stringMatching(/media[\\/]drill[\\/]market\.mp4$/) });
  });

  it('refuses bodies and URLs the policy does not allow, with the reason', async () => {
    const cases: Array<[string, RegExp]> = [
      ['concat:/etc/passwd|/etc/shadow', /main\.url: the scheme "concat:" is not allowed/],
      ['subfile,,start,0,end,0,,:/etc/passwd', /main\.url: .*scheme/],
      [`rtsp://admin:${SECRET}@8.8.8.8/ch1`, /outside the hall's camera hosts/],
      ['rtsp://cams.example.com/ch1', /DNS name could point anywhere/],
      ['file:../tokens.json', /"\.\."/],
      ['file:/etc/passwd', /absolute path/],
      ['file:escape.mp4', /leads out of the media dir/],
      ['file:missing.mp4', /no file "missing\.mp4"/],
      ['http://127.1/a.m3u8', /not a plain dotted IPv4/],
    ];
    for (const [url, why] of cases) {
      const r = await post(cam('bad-1', { main: { url } }));
      expect(r.status, url).toBe(400);
      expect(r.json().message, url).toMatch(why);
    }
    const badSub = await post(cam('bad-2', { sub: { url: 'pipe:0' } }));
    expect(badSub.json().message).toMatch(/^sub\.url: /);
    for (const body of [cam('bad-3', { name: '' }), cam('bad-4', { lon: 200 }), cam('bad-5', { groups: Array(33).fill('g') }), cam('bad-6', { masks: [[[0, 0], [1, 1]]] }), cam('bad-7', { masks: [[[0, 0], [1.5, 0], [1, 1]]] }), cam('bad-8', { extra: 1 }), cam('x.sub'), cam('bad 9'), cam('bad-10', { name: 'a\u202eb' })]) {
      expect((await post(body)).status, JSON.stringify(body)).toBe(400);
    }
    expect((await call('GET', '/api/cameras/bad-1', 'operator')).status).toBe(404);
  });

  it('checks the role on every change and shows exhibit surfaces exhibit cameras only', async () => {
    expect((await post(cam('wall-1'), 'wall')).status).toBe(403);
    expect((await post(cam('exhibit-1'), 'exhibit')).status).toBe(403);
    expect((await post(cam('leader-1'), 'leader')).status).toBe(403);
    expect((await post(cam('none-1'), 'none')).status).toBe(401);
    expect((await post(cam('admin-1'), 'admin')).status).toBe(201);
    expect((await call('PUT', '/api/cameras/admin-1', 'wall', cam('admin-1'))).status).toBe(403);
    expect((await call('DELETE', '/api/cameras/admin-1', 'exhibit')).status).toBe(403);
    expect((await call('DELETE', '/api/cameras/admin-1', 'none')).status).toBe(401);
    expect((await call('GET', '/api/cameras/admin-1', 'none')).status).toBe(401);

    const wall = await call('GET', '/api/cameras/lugu-1', 'wall');
    expect(wall.status).toBe(200);
    expect(wall.json().main).toBeUndefined();
    expect((wall.json().sub as Record<string, unknown>).url).toBeUndefined();
    expect((await call('GET', '/api/cameras/lugu-1', 'exhibit')).status).toBe(200);
    expect((await call('GET', '/api/cameras/admin-1', 'exhibit')).status).toBe(404);
    const listed = (JSON.parse((await call('GET', '/api/cameras', 'exhibit')).text) as CameraState[]).map((c) => c.id);
    expect(listed).toContain('lugu-1');
    expect(listed).not.toContain('admin-1');
  });

  it('replaces a camera, keeping stored credentials when the redacted URL comes back, and deletes it', async () => {
    const shown = (await call('GET', '/api/cameras/lugu-1', 'operator')).json();
    const put = await call('PUT', '/api/cameras/lugu-1', 'operator', cam('lugu-1', { name: '鲁谷路东口', main: shown.main, exhibit: true, groups: ['鲁谷', '夜市'], heading: 90, fov: 60 }));
    expect(put.status).toBe(200);
    expect(put.json()).toMatchObject({ name: '鲁谷路东口', main: { url: 'rtsp://***@127.0.0.1:1/Streaming/Channels/101' } });
    expect(t.hall.modules.cameras.spec('lugu-1')?.main.url).toBe(`rtsp://admin:${SECRET}@127.0.0.1:1/Streaming/Channels/101`);
    expect(t.hall.modules.cameras.spec('lugu-1')?.sub).toBeUndefined();
    expect((await call('PUT', '/api/cameras/lugu-1', 'operator', cam('lugu-2'))).status).toBe(400);
    expect((await call('PUT', '/api/cameras/nope', 'operator', cam('nope'))).status).toBe(404);
    expect((await call('PUT', '/api/cameras/lugu-1', 'operator', cam('lugu-1', { main: { url: 'gopher://127.0.0.1/x' } }))).status).toBe(400);

    expect((await post(cam('gone-1'))).status).toBe(201);
    expect((await call('DELETE', '/api/cameras/gone-1', 'operator')).status).toBe(204);
    expect((await call('GET', '/api/cameras/gone-1', 'operator')).status).toBe(404);
    expect((await call('DELETE', '/api/cameras/gone-1', 'operator')).status).toBe(404);
  });

  it('puts registered cameras on the live channel without their credentials', async () => {
    const s = new TestSurface(t.hall.url, { token: t.tokens.wall as string });
    await s.waitFor((x) => latestOf(x.view, cameraChannel).has('lugu-1'));
    const c = latestOf(s.view, cameraChannel).get('lugu-1');
    expect(c).toMatchObject({ name: '鲁谷路东口', hls: '/video/lugu-1/index.m3u8', exhibit: true, groups: ['鲁谷', '夜市'], heading: 90, fov: 60 });
    expect(JSON.stringify(s.messages)).not.toContain(SECRET);
    s.close();
  });

  it('holds a synthetic camera registered in code in memory only', async () => {
    const r = await t.hall.modules.cameras.register({ id: 'demo-1', name: '演示', ...AT, main: { url: 'synthetic:demo-1' }, exhibit: true }, 'demo', { synthetic: { kind: 'synthetic', label: '演示', variant: 1 } });
    expect(r).toEqual({ ok: true, status: 201 });
    expect((await call('GET', '/api/cameras/demo-1', 'wall')).json()).toMatchObject({ transient: true, hls: '/video/demo-1/index.m3u8' });
    expect((await post(cam('demo-1'))).status).toBe(409);
    expect((await call('POST', '/api/cameras', 'operator', { ...cam('demo-2'), main: { url: 'synthetic:x' } })).status).toBe(400);
  });

  it('reports each camera’s health in /metrics and never logs or serves its credentials when its stream fails', async () => {
    // A surface asks for the stream: the gateway starts ffmpeg against a port nobody listens on.
    await t.api('/video/lugu-1/index.m3u8', { role: 'wall' });
    await waitUntil(async () => ['reconnecting', 'down'].includes(String(((await call('GET', '/api/cameras/lugu-1', 'wall')).json().health as { state: string }).state)), 30_000, 'the stream to fail');
    const metrics = await call('GET', '/metrics', 'monitor');
    expect(metrics.text).toMatch(/gridwall_cameras_up\{camera="lugu-1",state="(reconnecting|down)"\} 0/);
    expect(metrics.text).toMatch(/gridwall_cameras_up\{camera="vms-1",state="direct"\} 1/);
    expect(JSON.stringify(t.hall.modules.cameras.list())).not.toContain(SECRET);
    expect(logs.join('\n')).not.toContain(SECRET);
    expect(seen.join('\n')).not.toContain(SECRET);
  }, 60_000);

  it('keeps cameras across a restart', async () => {
    await t.stop({ keepData: true });
    t = await startTestHall({}, { warn: (l) => logs.push(l) }, dataDir);
    await waitUntil(() => t.hall.modules.cameras.get('lugu-1') !== undefined, 60_000, 'the cameras to load');
    expect(t.hall.modules.cameras.get('lugu-1')).toMatchObject({ name: '鲁谷路东口', hls: '/video/lugu-1/index.m3u8' });
    expect(t.hall.modules.cameras.get('vms-1')?.hls).toBe('http://192.168.10.5:8080/live/vms-1.m3u8');
    expect(t.hall.modules.cameras.get('demo-1')).toBeUndefined();
    expect(t.hall.modules.cameras.get('gone-1')).toBeUndefined();
  }, 120_000);
});
