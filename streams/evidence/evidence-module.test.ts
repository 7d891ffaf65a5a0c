// Evidence in a real hall: the frame cut from a real DVR window, stored by content before the answer,
// the clip once T+5 s is on disk, the fallbacks, a full disk, roles, exports and custody on every view.
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CustodyEntry } from '../../app/evidence/custody';
import { waitUntil } from '../hall/test-hall';
import { engines, startEvidenceHall, type EvidenceHall } from './evidence-fixture';
import { sha256Of } from './evidence-files';
import { runFfmpeg } from './ffmpeg-run';
import { pixelMd5, referenceAt, referenceFrames, type ReferenceFrame } from './test-dvr';

interface Captured {
  id: string;
  sha256: string;
  frame: string;
  clip: string | null;
  kind: string;
  frameTime?: number;
  frameMs?: number;
}
type Item = { custody: CustodyEntry[]; clip: { state: string; sha256?: string; from?: number; to?: number }; kind: string; camera: { name: string } };

const bytesOf = async (r: Response) => Buffer.from(await r.arrayBuffer());

describe.each(engines())('evidence on $name', (engine) => {
  let h: EvidenceHall;
  let frames: ReferenceFrame[];
  let t0: number;
  const item = async (id: string) => (await (await h.t.api(`/api/evidence/${id}`, { role: 'leader' })).json()) as Item;

  beforeAll(async () => {
    h = await startEvidenceHall(engine);
    frames = await referenceFrames(h.ffmpeg, h.dvr);
    t0 = h.dvr.segments[0]?.start ?? 0;
  }, 180_000);
  afterAll(async () => h?.close());

  it('cuts the frame on screen at full resolution, stores it by content before answering, and logs each view', async () => {
    const t = t0 + 6_517;
    const res = await h.capture({ cameraId: 'cam-1', streamTime: t, box: { x: 0.1, y: 0.2, w: 0.3, h: 0.25 }, source: 'console-1' });
    expect(res.status).toBe(201);
    const c = (await res.json()) as Captured;
    expect(c).toMatchObject({ id: expect.stringMatching(/^ev-\d{14}-[0-9a-f]{8}$/), kind: 'dvr', frame: `/api/evidence/${c.id}/frame`, clip: `/api/evidence/${c.id}/clip` });
    console.log(`[${engine.name}] capture answered with a frame cut in ${c.frameMs} ms`);
    // On disk as the answer came: named by its SHA-256, read-only.
    const file = path.join(h.t.dataDir, 'evidence', 'items', c.id, `frame.${c.sha256}.png`);
    expect((await stat(file)).mode & 0o777).toBe(0o444);
    const got = await h.t.api(c.frame, { role: 'operator' });
    expect(got.headers.get('content-type')).toBe('image/png');
    const png = await bytesOf(got);
    expect(sha256Of(png)).toBe(c.sha256);
    expect(await pixelMd5(h.ffmpeg, png)).toBe(referenceAt(frames, t)?.md5);
    expect(png.readUInt32BE(16)).toBe(1280); // IHDR: full resolution
    expect(png.readUInt32BE(20)).toBe(720);
    const it = await item(c.id);
    // The clip's own entry may already be there too: only the frame's are checked here.
    expect(it.custody.filter((e) => e.file === 'frame').map((e) => [e.action, e.file, e.by.role, e.surface])).toEqual([
      ['captured', 'frame', 'operator', 'console-1'],
      ['viewed', 'frame', 'operator', 'generated operator'],
    ]);
    expect(it.custody[1]?.prev).not.toBe(it.custody[0]?.prev);
  });

  it('answers 202 with Retry-After until T+5 s is on disk, then serves the clip T−10 s … T+5 s holding that frame', async () => {
    const t = t0 + 12_250;
    h.liveUntil = t0 + 13_000; // the camera's DVR reaches only just past T
    const c = (await (await h.capture({ cameraId: 'cam-live', streamTime: t })).json()) as Captured;
    const early = await h.t.api(c.clip ?? '', { role: 'leader' });
    expect(early.status).toBe(202);
    expect(Number(early.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    h.liveUntil = t0 + 15_000;
    await new Promise((r) => setTimeout(r, 1500));
    expect((await h.t.api(c.clip ?? '', { role: 'leader' })).status).toBe(202); // T+5 s = +17.25 s not yet there
    h.liveUntil = Infinity;
    await waitUntil(async () => (await item(c.id)).clip.state !== 'pending', 30_000, 'the clip');
    const it = await item(c.id);
    expect(it.clip).toMatchObject({ state: 'ready', from: t0 + 2_000, to: t0 + 18_000 });
    const clip = await h.t.api(c.clip ?? '', { role: 'leader' });
    expect(clip.status).toBe(200);
    expect(clip.headers.get('content-type')).toBe('video/mp4');
    const mp4 = await bytesOf(clip);
    expect(sha256Of(mp4)).toBe(it.clip.sha256);
    const clipFile = path.join(h.t.dataDir, 'evidence', 'items', c.id, `clip.${it.clip.sha256}.mp4`);
    const md5s = (await runFfmpeg(h.ffmpeg, ['-i', clipFile, '-pix_fmt', 'rgb24', '-f', 'framemd5', 'pipe:1'])).stdout.toString().split('\n').filter((l) => l && !l.startsWith('#'));
    expect(md5s).toHaveLength(16 * 25);
    const framePng = await bytesOf(await h.t.api(c.frame, { role: 'leader' }));
    expect(md5s.map((l) => l.split(',')[5]?.trim())).toContain(await pixelMd5(h.ffmpeg, framePng));
    const ranged = await h.t.api(c.clip ?? '', { role: 'leader', headers: { range: 'bytes=100-199' } });
    expect(ranged.status).toBe(206);
    expect((await bytesOf(ranged)).equals(mp4.subarray(100, 200))).toBe(true);
    expect((await item(c.id)).custody.map((e) => `${e.action}:${e.file}`)).toEqual(['captured:frame', 'captured:clip', 'viewed:clip', 'viewed:frame']);
    expect(await readdir(path.join(h.t.dataDir, 'evidence', 'work'))).toEqual([]);
  }, 60_000);

  it('refuses a time outside the DVR window with the window, and takes the client’s frame as a screen capture', async () => {
    const late = await h.capture({ cameraId: 'cam-1', streamTime: t0 + 3_600_000 });
    expect(late.status).toBe(409);
    const body = (await late.json()) as { message: string; window: { from: number; to: number } };
    expect(body.message).toMatch(/^outside the DVR window/);
    expect(body.window).toEqual({ from: t0, to: (h.dvr.segments.at(-1)?.start ?? 0) + 1000 });
    expect((await h.capture({ cameraId: 'cam-far', streamTime: t0 })).status).toBe(409);
    expect((await h.capture({ cameraId: 'nope', streamTime: t0 })).status).toBe(404);

    const png = (await runFfmpeg(h.ffmpeg, ['-f', 'lavfi', '-i', 'testsrc2=size=320x180', '-frames:v', '1', '-f', 'image2pipe', '-c:v', 'png', 'pipe:1'])).stdout;
    const unmarked = await h.capture({ cameraId: 'cam-far', streamTime: t0, image: png.toString('base64') });
    expect(unmarked.status).toBe(400);
    const screen = await h.capture({ cameraId: 'cam-far', streamTime: t0, kind: 'screen-capture', image: `data:image/png;base64,${png.toString('base64')}` });
    expect(screen.status).toBe(201);
    const s = (await screen.json()) as Captured;
    expect(s).toMatchObject({ kind: 'screen-capture', clip: null, sha256: sha256Of(png) });
    expect((await h.t.api(`/api/evidence/${s.id}/clip`, { role: 'leader' })).status).toBe(404);
    // The DVR's own frame wins over the client's whenever the DVR has the time.
    const both = (await (await h.capture({ cameraId: 'cam-1', streamTime: t0 + 2000, kind: 'screen-capture', image: png.toString('base64') })).json()) as Captured;
    expect(both.kind).toBe('dvr');
    const notImage = await h.capture({ cameraId: 'cam-far', streamTime: t0, kind: 'screen-capture', image: Buffer.from('<svg onload=alert(1)>').toString('base64') });
    expect(notImage.status).toBe(400);
    const huge = Buffer.concat([png.subarray(0, 8), Buffer.alloc(8.5 * 1024 * 1024)]);
    expect((await h.capture({ cameraId: 'cam-far', streamTime: t0, kind: 'screen-capture', image: huge.toString('base64') })).status).toBe(413);
    expect((await h.capture({ cameraId: 'cam-1', streamTime: t0 + 2000, box: { x: 0.9, y: 0, w: 0.2, h: 0.1 } })).status).toBe(400);
  });

  it('blanks the camera’s privacy masks in a screen capture before storing it', async () => {
    const white = (await runFfmpeg(h.ffmpeg, ['-f', 'lavfi', '-i', 'color=white:size=64x32', '-frames:v', '1', '-f', 'image2pipe', '-c:v', 'mjpeg', 'pipe:1'])).stdout;
    const res = await h.capture({ cameraId: 'cam-masked', streamTime: t0, kind: 'screen-capture', image: white.toString('base64') });
    expect(res.status).toBe(201);
    const c = (await res.json()) as Captured;
    const stored = await bytesOf(await h.t.api(c.frame, { role: 'leader' }));
    expect(c.sha256).not.toBe(sha256Of(white));
    const rgb = (await runFfmpeg(h.ffmpeg, ['-i', 'pipe:0', '-f', 'rawvideo', '-pix_fmt', 'gray', 'pipe:1'], { stdin: stored })).stdout;
    expect(rgb).toHaveLength(64 * 32);
    expect(rgb[16 * 64 + 10]).toBe(0); // inside the mask
    expect(rgb[16 * 64 + 50]).toBeGreaterThan(240); // outside it
  });

  it('cuts the exact frame from the player’s buffered segment when the hall has no DVR for the time', async () => {
    const seg = h.dvr.segments[6];
    if (!seg) throw new Error('no segment 6');
    const bytes = await readFile(seg.file);
    const t = seg.start + 517;
    const png = (await runFfmpeg(h.ffmpeg, ['-f', 'lavfi', '-i', 'color=white:size=64x32', '-frames:v', '1', '-f', 'image2pipe', '-c:v', 'png', 'pipe:1'])).stdout;
    const body = { cameraId: 'cam-far', streamTime: t, segment: bytes.toString('base64'), segmentStart: seg.start, kind: 'screen-capture', image: png.toString('base64') };
    const res = await h.capture(body);
    expect(res.status).toBe(201);
    const c = (await res.json()) as Captured;
    expect(c).toMatchObject({ kind: 'buffered', clip: null });
    const frame = await bytesOf(await h.t.api(c.frame, { role: 'leader' }));
    // The same frame an independent extraction gives at that stream time, at the segment's resolution.
    expect(await pixelMd5(h.ffmpeg, frame)).toBe(referenceAt(frames, t)?.md5);
    expect(frame.readUInt32BE(16)).toBe(1280);
    // Not a segment: a playlist or concat list (never handed to ffmpeg), no start, a time outside it.
    const playlist = Buffer.from('#EXTM3U\n#EXTINF:1,\nfile:///etc/passwd\n');
    for (const bad of [{ segment: playlist.toString('base64') }, { segmentStart: undefined }, { streamTime: seg.start + 60_000 }, { segment: 'not base64!' }]) {
      const r = await h.capture({ ...body, ...bad });
      expect(r.status, JSON.stringify(bad)).toBe(400);
      expect(((await r.json()) as { error: string }).error).toBe('bad-segment');
    }
    // Packets that do not decode: the client's own frame, as a screen capture.
    const garbage = Buffer.alloc(188 * 20);
    for (let i = 0; i < garbage.length; i += 188) garbage[i] = 0x47;
    const screen = (await (await h.capture({ ...body, segment: garbage.toString('base64') })).json()) as Captured;
    expect(screen.kind).toBe('screen-capture');
    // A camera with privacy masks: blanked in the buffered frame too.
    const masked = (await (await h.capture({ ...body, cameraId: 'cam-masked' })).json()) as Captured;
    expect(masked.kind).toBe('buffered');
    const gray = (await runFfmpeg(h.ffmpeg, ['-i', 'pipe:0', '-vf', 'scale=64:32', '-f', 'rawvideo', '-pix_fmt', 'gray', 'pipe:1'], { stdin: await bytesOf(await h.t.api(masked.frame, { role: 'leader' })) })).stdout;
    expect(gray[16 * 64 + 10]).toBeLessThan(16); // black, give or take the scaler
    expect(gray[16 * 64 + 50]).toBeGreaterThan(16);
    // Evidence another hall server captured (its files are there, not here): a clear 409, and no view logged.
    await rm(path.join(h.t.dataDir, 'evidence', 'items', screen.id), { recursive: true, force: true });
    const logged = (await item(screen.id)).custody.length;
    const away = await h.t.api(screen.frame, { role: 'leader' });
    expect(away.status).toBe(409);
    expect(((await away.json()) as { error: string }).error).toBe('held-elsewhere');
    expect((await item(screen.id)).custody).toHaveLength(logged);
  });

  it('refuses a capture on a full disk with a clear message, and the hall goes on', async () => {
    const full = async () => {
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    };
    const before = await readdir(path.join(h.t.dataDir, 'evidence', 'items'));
    h.t.hall.modules.evidence.useWriter({ write: full, adopt: full });
    try {
      const res = await h.capture({ cameraId: 'cam-1', streamTime: t0 + 4000 });
      expect(res.status).toBe(507);
      expect(((await res.json()) as { message: string }).message).toMatch(/disk is full.*live video is not affected/);
      expect(await readdir(path.join(h.t.dataDir, 'evidence', 'items'))).toEqual(before);
      expect((await fetch(`${h.t.hall.url}/api/health`)).status).toBe(200);
    } finally {
      h.t.hall.modules.evidence.useWriter(undefined);
    }
    expect((await h.capture({ cameraId: 'cam-1', streamTime: t0 + 4000 })).status).toBe(201);
  });

  it('holds roles: operators capture; desks and leaders read; walls and exhibits neither; no token is a 401', async () => {
    const c = (await (await h.capture({ cameraId: 'cam-1', streamTime: t0 + 1000 })).json()) as Captured;
    for (const role of ['wall', 'exhibit', 'leader', 'acceptor'] as const) expect((await h.capture({ cameraId: 'cam-1', streamTime: t0 }, role)).status, role).toBe(403);
    expect((await h.capture({ cameraId: 'cam-1', streamTime: t0 }, 'none')).status).toBe(401);
    for (const role of ['wall', 'exhibit', 'dispatcher', 'hotline'] as const) expect((await h.t.api(c.frame, { role })).status, role).toBe(403);
    expect((await h.t.api(c.frame, { role: 'none' })).status).toBe(401);
    for (const role of ['operator', 'leader', 'acceptor', 'shift-leader', 'admin'] as const) expect((await h.t.api(c.frame, { role })).status, role).toBe(200);
    expect((await h.t.api(`/api/evidence/${c.id}`, { role: 'exhibit' })).status).toBe(403);
  });

  it('exports a watermarked copy beside the untouched original, logged as exported', async () => {
    const c = (await (await h.capture({ cameraId: 'cam-1', streamTime: t0 + 9000 })).json()) as Captured;
    const res = await h.t.api(`/api/evidence/${c.id}/export`, { role: 'leader' });
    expect(res.status, res.status === 200 ? '' : await res.clone().text()).toBe(200);
    const copy = await bytesOf(res);
    const sha = sha256Of(copy);
    expect(res.headers.get('x-evidence-sha256')).toBe(sha);
    expect(sha).not.toBe(c.sha256);
    expect(await pixelMd5(h.ffmpeg, copy)).not.toBe(referenceAt(frames, t0 + 9000)?.md5);
    const names = (await readdir(path.join(h.t.dataDir, 'evidence', 'items', c.id))).sort();
    expect(names).toContain(`export.${sha}.png`);
    expect(names).toContain(`frame.${c.sha256}.png`);
    expect(sha256Of(await bytesOf(await h.t.api(c.frame, { role: 'leader' })))).toBe(c.sha256);
    const exported = (await item(c.id)).custody.find((e) => e.action === 'exported');
    expect(exported).toMatchObject({ file: 'export', sha256: sha, by: { role: 'leader' } });
  });

  it('keeps metadata and the custody chain across a restart', async () => {
    const c = (await (await h.capture({ cameraId: 'cam-1', streamTime: t0 + 5000 })).json()) as Captured;
    await waitUntil(async () => (await item(c.id)).clip.state === 'ready', 30_000, 'the clip');
    const before = await item(c.id);
    await h.restart();
    const after = await item(c.id);
    expect(after.custody).toEqual(before.custody);
    expect(after.kind).toBe('dvr');
    await h.t.api(c.frame, { role: 'leader' });
    const grown = await item(c.id);
    expect(grown.custody).toHaveLength(before.custody.length + 1);
    expect((grown.custody.at(-1)?.seq ?? 0) > (before.custody.at(-1)?.seq ?? 0)).toBe(true);
  }, 120_000);
});
