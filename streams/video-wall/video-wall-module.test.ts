// The CCTV wall module in a real hall (embedded broker, PGlite): one state on /live for every window,
// roles on every change, the tour turned by the hall and paused by a new video case, kept across a restart.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestOf } from '../../app/live/live-view';
import type { VideoWallState } from '../../app/video-wall/video-wall';
import { videoWallChannel } from '../../app/video-wall/video-wall-channel';
import { startTestHall, TestSurface, waitUntil, type TestHall } from '../hall/test-hall';

const json = { 'content-type': 'application/json' };
let t: TestHall;
let skew = 0;
const clock = { now: () => Date.now() + skew };

const put = (body: unknown, role: 'operator' | 'wall' | 'leader' = 'operator') => t.api('/api/video-wall', { role, method: 'PUT', headers: json, body: JSON.stringify(body) });
const tour = (cmd: string, body?: unknown) => t.api(`/api/video-wall/tour/${cmd}`, { role: 'operator', method: 'POST', ...(body ? { headers: json, body: JSON.stringify(body) } : {}) });
const read = async () => (await (await t.api('/api/video-wall', { role: 'wall' })).json()) as VideoWallState;
const wallOf = (s: TestSurface) => latestOf(s.view, videoWallChannel).get('wall');

beforeAll(async () => {
  t = await startTestHall({}, { clock });
  for (const id of ['cam-a', 'cam-b', 'cam-c', 'cam-d', 'cam-e', 'cam-f']) {
    t.hall.modules.cameras.upsert({ id, name: `摄像机 ${id}`, hls: `/video/${id}/index.m3u8`, online: true, statusAt: Date.now(), lon: 116.2193, lat: 39.8975, groups: id < 'cam-d' ? ['鲁谷'] : ['古城'] });
  }
}, 120_000);
afterAll(async () => {
  await t?.stop();
});

describe('the CCTV wall module', () => {
  it('starts as nine tiles touring every camera, readable by surfaces, not by strangers', async () => {
    expect(await read()).toMatchObject({ id: 'wall', layout: 9, version: 0, tour: { dwellS: 30 } });
    expect((await t.api('/api/video-wall', { role: 'exhibit' })).status).toBe(200);
    expect((await t.api('/api/video-wall', { role: 'none' })).status).toBe(401);
  });

  it('changes on every window at once, for roles that control the wall only', async () => {
    const a = new TestSurface(t.hall.url, { token: t.tokens.wall ?? '' }, { extra: [videoWallChannel] });
    const b = new TestSurface(t.hall.url, { token: t.tokens.operator ?? '', surface: 'console' }, { extra: [videoWallChannel] });
    await a.waitFor((s) => wallOf(s)?.layout === 9);
    expect((await put({ layout: 4 }, 'wall')).status).toBe(403);
    const res = await put({ layout: 4, cells: ['cam-f'], pinned: [0], tour: { group: '鲁谷', dwellS: 5 } });
    expect(res.status).toBe(200);
    const state = (await res.json()) as VideoWallState;
    expect(state).toMatchObject({ version: 1, layout: 4, cells: ['cam-f'], pinned: [0], tour: { group: '鲁谷', dwellS: 5, position: 0 } });
    for (const s of [a, b]) await s.waitFor((x) => wallOf(x)?.version === 1);
    expect(wallOf(a)).toEqual(wallOf(b));
    a.close();
    b.close();
  });

  it('says what is wrong with a change, and refuses one made against an old version', async () => {
    const bad = await put({ cells: ['cam-a', 'nobody'] });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toContain('nobody');
    const stale = await put({ version: 0, layout: 16 });
    expect(stale.status).toBe(409);
    expect((await read()).layout).toBe(4);
  });

  it('turns the tour on the hall’s clock, and pauses, resumes and turns it on request', async () => {
    const before = (await read()).tour?.position ?? 0;
    skew += 5_000;
    await waitUntil(async () => ((await read()).tour?.position ?? 0) === before + 1, 3000, 'the tour to turn');
    const paused = (await (await tour('pause')).json()) as VideoWallState;
    expect(paused.tour).toMatchObject({ pausedBy: 'operator' });
    expect(paused.tour?.pausedUntil).toBeUndefined();
    skew += 20_000;
    await new Promise((r) => setTimeout(r, 600));
    expect((await read()).tour?.position).toBe(before + 1);
    const next = (await (await tour('next')).json()) as VideoWallState;
    expect(next.tour).toMatchObject({ position: before + 2, pausedBy: 'operator' });
    const resumed = (await (await tour('resume')).json()) as VideoWallState;
    expect(resumed.tour?.pausedBy).toBeUndefined();
    const alarm = (await (await tour('pause', { by: 'alarm', seconds: 60 })).json()) as VideoWallState;
    expect(alarm.tour).toMatchObject({ pausedBy: 'alarm', pausedUntil: expect.any(Number) });
    skew += 61_000;
    await waitUntil(async () => (await read()).tour?.pausedBy === undefined, 3000, 'the alarm pause to run out');
  });

  it('pauses the tour when a video-captured case is made', async () => {
    await waitUntil(async () => (await t.api('/api/cases?limit=1', { role: 'operator' })).status === 200, 60_000, 'the case store');
    const res = await t.api('/api/cases', { role: 'operator', method: 'POST', headers: json, body: JSON.stringify({ clientId: `vw-${Date.now()}`, source: 'video', category: 'event.0102', lon: 116.2193, lat: 39.8975, description: '视频抓拍：暴露垃圾' }) });
    expect(res.status).toBe(201);
    await waitUntil(async () => (await read()).tour?.pausedBy === 'video-case', 5000, 'the tour to pause for the video case');
    const s = await read();
    expect((s.tour?.pausedUntil ?? 0) - clock.now()).toBeGreaterThan(100_000);
  });

  it('keeps the wall across a restart', async () => {
    const before = await read();
    const saved = async () => JSON.parse(await readFile(path.join(t.dataDir, 'video-wall.json'), 'utf8')) as VideoWallState;
    await waitUntil(async () => (await saved()).version === before.version, 3000, 'the state to be saved');
    const dir = t.dataDir;
    await t.stop({ keepData: true });
    t = await startTestHall({}, { clock }, dir);
    const after = await read();
    expect(after).toMatchObject({ version: before.version, layout: 4, cells: ['cam-f'], pinned: [0], tour: { group: '鲁谷', pausedBy: 'video-case' } });
  }, 120_000);
});
