import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CameraState } from '../../app/camera/camera';
import { DemoCamera } from './demo-camera';
import { locateFfmpeg } from './ffmpeg-locator';

let root: string;
const ffmpeg = await locateFfmpeg();

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'gridwall-cam-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function until(pred: () => boolean | Promise<boolean>, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!(await pred())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('demo camera without ffmpeg', () => {
  it('reports offline with the reason instead of failing', async () => {
    const states: Array<Omit<CameraState, 'street'>> = [];
    const cam = new DemoCamera({
      id: 'cam-x',
      name: '测试',
      ffmpeg: undefined,
      missingReason: 'ffmpeg-missing',
      videoRoot: root,
      timeZone: 'Asia/Shanghai',
      variant: 0,
      onState: (s) => states.push(s),
    });
    await cam.start();
    expect(states).toEqual([{ id: 'cam-x', name: '测试', hls: '/video/cam-x/index.m3u8', online: false, reason: 'ffmpeg-missing', statusAt: expect.any(Number) }]);
    await cam.stop();
  });

  it('explains a bad FFMPEG_PATH', async () => {
    const r = await locateFfmpeg('/nonexistent/ffmpeg');
    expect(r).toMatchObject({ ok: false });
    expect(!r.ok && r.message).toContain('FFMPEG_PATH');
  });
});

describe.skipIf(!ffmpeg.ok)('demo camera with real ffmpeg', () => {
  it('writes live HLS with program date-time, and comes back after the encoder dies', async () => {
    const states: Array<Omit<CameraState, 'street'>> = [];
    const cam = new DemoCamera({
      id: 'cam-t',
      name: 'Test camera',
      ffmpeg: ffmpeg.ok ? ffmpeg.path : undefined,
      videoRoot: root,
      timeZone: 'Asia/Shanghai',
      variant: 0,
      onState: (s) => states.push(s),
    });
    try {
      await cam.start();
      await until(() => states.some((s) => s.online), 15_000);
      const playlist = path.join(cam.dir, 'index.m3u8');
      await until(async () => (await readFile(playlist, 'utf8')).includes('.ts'), 10_000);
      const text = await readFile(playlist, 'utf8');
      expect(text).toContain('#EXT-X-PROGRAM-DATE-TIME:');
      expect(text).toMatch(/#EXT-X-TARGETDURATION:1\b/);

      const before = states.length;
      cam.crashForTest();
      await until(() => states.slice(before).some((s) => !s.online), 5000);
      // The tile says why, in a code it can translate, with one printable line of detail for the operator.
      const down = states.slice(before).find((s) => !s.online);
      expect(down?.reason).toBe('exited');
      expect(down?.detail?.length ?? 0).toBeLessThanOrEqual(200);
      expect(down?.detail).not.toMatch(/[\n\r]/);
      await until(() => states.slice(before).some((s) => s.online), 15_000);
    } finally {
      await cam.stop();
    }
  }, 40_000);
});
