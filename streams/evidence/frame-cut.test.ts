// The frame cut from the DVR is the frame on screen at the stream time: checked pixel for pixel against
// ffmpeg's own decode of the whole playlist (an independent path: its HLS demuxer, not our segment pick).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { segmentAt } from '../../app/evidence/dvr-window';
import { locateFfmpeg } from '../video/ffmpeg-locator';
import { cutFrame } from './frame-cut';
import { makeTestDvr, pixelMd5, referenceAt, referenceFrames, type ReferenceFrame, type TestDvr } from './test-dvr';

let ffmpeg: string;
let dir: string;
let dvr: TestDvr;
let frames: ReferenceFrame[];

beforeAll(async () => {
  const f = await locateFfmpeg(process.env.FFMPEG_PATH);
  if (!f.ok) throw new Error(f.message);
  ffmpeg = f.path;
  dir = await mkdtemp(path.join(os.tmpdir(), 'gridwall-frame-'));
  dvr = await makeTestDvr(ffmpeg, dir, { seconds: 8 });
  frames = await referenceFrames(ffmpeg, dvr);
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('cutting the frame on screen', () => {
  it('reads the playlist as the gateway reports its DVR', () => {
    expect(dvr.segments).toHaveLength(8);
    expect(dvr.segments[1]?.start).toBe((dvr.segments[0]?.start ?? 0) + 1000);
    expect(frames).toHaveLength(200);
  });

  it('matches the independent decode exactly, on frame times, between them and at segment edges', async () => {
    const t0 = dvr.segments[0]?.start ?? 0;
    // On a frame, 1 ms after, mid-frame, the last ms of a frame, first and last frames of segments, a random spread.
    const offsets = [0, 40, 1, 20, 39, 999, 1000, 1001, 2960, 3999, 4000, 5517, 7960, 7999];
    for (let i = 0; i < 6; i++) offsets.push(Math.floor(Math.random() * 7999));
    const ms: number[] = [];
    for (const off of offsets) {
      const t = t0 + off;
      const found = segmentAt(dvr.segments, t);
      if (!found.ok) throw new Error(`no segment at +${off} ms`);
      const cut = await cutFrame(ffmpeg, found.segment, t);
      const ref = referenceAt(frames, t);
      expect(ref, `reference frame at +${off} ms`).toBeDefined();
      expect(cut.frameTime, `frame time at +${off} ms`).toBe(Math.round(ref?.at ?? NaN));
      expect(await pixelMd5(ffmpeg, cut.png), `pixels at +${off} ms`).toBe(ref?.md5);
      expect([...cut.png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
      ms.push(cut.ms);
    }
    ms.sort((a, b) => a - b);
    const p50 = ms[Math.floor(ms.length / 2)] ?? 0;
    console.log(`frame extraction (1280×720): p50 ${p50.toFixed(0)} ms, max ${(ms.at(-1) ?? 0).toFixed(0)} ms over ${ms.length} cuts`);
    // The target is 500 ms; the bound here leaves room for a loaded CI box (the benchmark measures it properly).
    expect(p50).toBeLessThan(1500);
  }, 120_000);
});
