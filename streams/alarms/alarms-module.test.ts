// Alarms in a real hall (embedded broker, PGlite): roles, clear refusals, the link to the CCTV wall (pause,
// pin, repeats counted once), acknowledgement giving the wall back, exhibit surfaces without the text, and
// open alarms kept across a restart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../app/auth/roles';
import type { Alarm } from '../../app/alarm/alarm';
import { alarmChannel } from '../../app/alarm/alarm-channel';
import { latestOf } from '../../app/live/live-view';
import type { VideoWallState } from '../../app/video-wall/video-wall';
import { startTestHall, TestSurface, waitUntil, type TestHall } from '../hall/test-hall';

const json = { 'content-type': 'application/json' };
let t: TestHall;
let skew = 0;
const clock = { now: () => Date.now() + skew };
const AT = { lon: 116.2193, lat: 39.8975 };
const B = { lon: 116.225, lat: 39.901 };

const raise = (body: unknown, role: Role | 'none' = 'gateway') => t.api('/api/alarms', { role, method: 'POST', headers: json, body: typeof body === 'string' ? body : JSON.stringify(body) });
const ack = (id: string, role: Role | 'none' = 'operator') => t.api(`/api/alarms/${id}/ack`, { role, method: 'POST' });
const wall = async () => (await (await t.api('/api/video-wall', { role: 'wall' })).json()) as VideoWallState;
const openAlarms = async () => (await (await t.api('/api/alarms?open=1', { role: 'wall' })).json()) as Alarm[];
const refusal = async (res: Response) => ({ status: res.status, ...((await res.json()) as { error: string; message: string }) });
const alarmsOf = (s: TestSurface) => latestOf(s.view, alarmChannel);

/** Cameras outside the registry: held in memory, so a restarted hall is given them again. */
function addCameras(): void {
  for (const id of ['cam-a', 'cam-b', 'cam-c', 'cam-d', 'cam-e', 'cam-f']) {
    const at = id === 'cam-b' ? B : AT;
    t.hall.modules.cameras.upsert({ id, name: `摄像机 ${id}`, hls: `/video/${id}/index.m3u8`, online: true, statusAt: Date.now(), ...at });
  }
}

beforeAll(async () => {
  t = await startTestHall({}, { clock });
  addCameras();
  const res = await t.api('/api/video-wall', { role: 'operator', method: 'PUT', headers: json, body: JSON.stringify({ layout: 4, cells: [null, 'cam-a'], pinned: [1], tour: { dwellS: 60 } }) });
  expect(res.status).toBe(200);
  await waitUntil(async () => (await t.api('/api/alarms', { role: 'wall' })).status === 200, 60_000, 'the alarm store');
}, 120_000);
afterAll(async () => {
  await t?.stop();
});

describe('the alarms module', () => {
  it('lets gateways and operators raise alarms, operators acknowledge them, and keeps the text from exhibit', async () => {
    expect((await raise({ cameraId: 'cam-e', kind: 'smoke' }, 'none')).status).toBe(401);
    for (const role of ['exhibit', 'wall', 'leader', 'terminal', 'subcentre'] as const) if (t.tokens[role]) expect((await raise({ cameraId: 'cam-e', kind: 'smoke' }, role)).status).toBe(403);
    expect((await t.api('/api/alarms', { role: 'none' })).status).toBe(401);
    expect((await t.api('/api/alarms', { role: 'exhibit' })).status).toBe(403);
    expect((await ack('alm-x', 'gateway')).status).toBe(403);
    expect((await ack('alm-x', 'wall')).status).toBe(403);
    expect((await ack('alm-x', 'none')).status).toBe(401);
    expect(await refusal(await ack('alm-x'))).toMatchObject({ status: 404, error: 'unknown-alarm' });
  });

  it('says what is wrong with a bad alarm', async () => {
    expect(await refusal(await raise({ cameraId: 'cam-e' }))).toMatchObject({ status: 400, message: expect.stringContaining('kind is missing: one of street-trading') });
    expect(await refusal(await raise({ cameraId: 'cam-e', kind: 'ufo' }))).toMatchObject({ status: 400, message: expect.stringContaining('kind "ufo" is not one the hall knows') });
    expect(await refusal(await raise({ kind: 'smoke' }))).toMatchObject({ status: 400, message: expect.stringContaining('a cameraId or a position') });
    expect(await refusal(await raise({ cameraId: 'cam-e', kind: 'smoke', level: 3 }))).toMatchObject({ status: 400, message: expect.stringContaining('unknown field "level"') });
    expect(await refusal(await raise({ lon: 121.47, lat: 31.23, kind: 'smoke' }))).toMatchObject({ status: 400, error: 'bad-position', message: expect.stringContaining('outside the district') });
    expect((await raise('{"kind": "smoke",')).status).toBe(400);
    expect((await t.api('/api/alarms', { role: 'gateway', method: 'POST' })).status).toBe(400);
    expect(await refusal(await raise({ cameraId: 'cam-zz', kind: 'smoke' }))).toMatchObject({ status: 422, error: 'unknown-camera', message: expect.stringContaining('"cam-zz"') });
    expect(await openAlarms()).toEqual([]);
  });

  let first: Alarm;
  it('pauses the tour and pins the alarmed camera in the first free cell; every surface marks it, exhibit without the text', async () => {
    const full = new TestSurface(t.hall.url, { token: t.tokens.wall ?? '' }, { extra: [alarmChannel] });
    const exhibit = new TestSurface(t.hall.url, { token: t.tokens.exhibit ?? '' }, { extra: [alarmChannel] });
    const before = await wall();
    const res = await raise({ cameraId: 'cam-e', kind: 'street-trading', message: '摊主张某 13800000000', source: 'ai-platform' });
    expect(res.status).toBe(201);
    first = (await res.json()) as Alarm;
    expect(first).toMatchObject({ kind: 'street-trading', cameraId: 'cam-e', count: 1, wall: { cell: 0 }, source: 'ai-platform', message: '摊主张某 13800000000' });
    const s = await wall();
    expect(s.tour).toMatchObject({ pausedBy: 'alarm', pausedUntil: expect.any(Number) });
    expect(s).toMatchObject({ cells: ['cam-e', 'cam-a'], pinned: [0, 1], version: before.version + 2 });
    await full.waitFor((x) => alarmsOf(x).get(first.id)?.message === '摊主张某 13800000000');
    await exhibit.waitFor((x) => alarmsOf(x).has(first.id));
    expect(alarmsOf(exhibit).get(first.id)).toMatchObject({ kind: 'street-trading', cameraId: 'cam-e', by: '' });
    expect(JSON.stringify(exhibit.messages)).not.toContain('张某');
    expect(await openAlarms()).toMatchObject([{ id: first.id, message: '摊主张某 13800000000' }]);
    full.close();
    exhibit.close();
  });

  it('counts a repeat within 30 s on the open alarm and moves nothing; a later alarm pauses again', async () => {
    const version = (await wall()).version;
    const again = await raise({ cameraId: 'cam-e', kind: 'street-trading' });
    expect(again.status).toBe(200);
    expect((await again.json()) as Alarm).toMatchObject({ id: first.id, count: 2 });
    // Another kind on the same camera within the window: its own alarm, the wall left alone.
    const other = await raise({ cameraId: 'cam-e', kind: 'crowd' }, 'operator');
    expect(other.status).toBe(201);
    expect((await other.json()) as Alarm).toMatchObject({ cameraId: 'cam-e', wall: { cell: 0 }, by: expect.stringContaining('operator') });
    expect((await wall()).version).toBe(version);
    skew += 31_000;
    const later = await raise({ cameraId: 'cam-e', kind: 'street-trading' });
    expect(later.status).toBe(201);
    const s = await wall();
    expect(s.version).toBe(version + 1);
    expect(s.cells[0]).toBe('cam-e');
    expect(await openAlarms()).toHaveLength(3);
  });

  it('gives the wall back when the camera’s last alarm is acknowledged', async () => {
    const full = new TestSurface(t.hall.url, { token: t.tokens.operator ?? '' }, { extra: [alarmChannel] });
    await full.waitFor((x) => alarmsOf(x).size === 3);
    const open = await openAlarms();
    for (const a of open.slice(0, -1)) {
      const res = await ack(a.id);
      expect(res.status).toBe(200);
      expect((await res.json()) as Alarm).toMatchObject({ id: a.id, ackAt: expect.any(Number), ackBy: expect.any(String) });
      expect((await wall()).pinned).toEqual([0, 1]);
    }
    const last = open.at(-1) as Alarm;
    expect((await ack(last.id)).status).toBe(200);
    const s = await wall();
    expect(s).toMatchObject({ cells: [null, 'cam-a'], pinned: [1] });
    expect(s.tour?.pausedBy).toBeUndefined();
    expect((await ack(last.id)).status).toBe(200);
    expect(await openAlarms()).toEqual([]);
    await full.waitFor((x) => alarmsOf(x).size === 0);
    const all = (await (await t.api('/api/alarms', { role: 'leader' })).json()) as Alarm[];
    expect(all.map((a) => a.id).sort()).toEqual(open.map((a) => a.id).sort());
    // Acknowledged, then raised again at once: a new alarm, and the camera comes back.
    const again = (await (await raise({ cameraId: 'cam-e', kind: 'street-trading' })).json()) as Alarm;
    expect(again).toMatchObject({ count: 1, wall: { cell: 0 } });
    expect((await wall()).pinned).toEqual([0, 1]);
    expect((await ack(again.id)).status).toBe(200);
    expect((await wall()).pinned).toEqual([1]);
    full.close();
  });

  it('shows an alarm with only a position on the nearest camera, located in its street, and keeps it open across a restart', async () => {
    const res = await raise({ lon: B.lon + 0.0001, lat: B.lat + 0.0001, kind: 'manhole-cover', source: '井盖监测' });
    expect(res.status).toBe(201);
    const a = (await res.json()) as Alarm;
    expect(a).toMatchObject({ cameraId: 'cam-b', wall: { cell: 0 }, street: expect.stringMatching(/^\d{12}$/) });
    expect(a.cameraDistanceM).toBeGreaterThan(5);
    expect(a.cameraDistanceM).toBeLessThan(30);
    expect(await refusal(await raise({ ...AT, lon: AT.lon + 0.01, kind: 'smoke' }))).toMatchObject({ status: 201 });
    const dir = t.dataDir;
    await t.stop({ keepData: true });
    t = await startTestHall({}, { clock }, dir);
    addCameras();
    await waitUntil(() => t.hall.modules.alarms.open().length === 2, 60_000, 'the open alarms to come back');
    expect(t.hall.modules.alarms.open().map((x) => x.kind).sort()).toEqual(['manhole-cover', 'smoke']);
    expect((await ack(a.id)).status).toBe(200);
    expect((await wall()).pinned).toEqual([1]);
  }, 120_000);
});
