import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locateFfmpeg } from '../ffmpeg-locator';
import { RtspTestServer, rtspServerAvailable } from '../rtsp-test/rtsp-server';
import type { GatewayHealth } from './gateway-types';
import { playlistSegments } from './hls-playlist';
import { VideoGateway } from './video-gateway';

const ffmpeg = await locateFfmpeg();
const rtsp = ffmpeg.ok && rtspServerAvailable();
if (!rtsp) console.warn('video gateway tests skipped: they need ffmpeg and GStreamer’s rtsp-server (see .ci/run)');

async function until(pred: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!(await pred())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(!rtsp)('video gateway against a real RTSP server', () => {
  let root: string;
  let server: RtspTestServer;
  let gw: VideoGateway;
  const seen = new Map<string, GatewayHealth[]>();
  const warnings: string[] = [];
  const state = (id: string) => gw.health(id)?.state;

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'gridwall-gw-'));
    server = await RtspTestServer.start({ cam1: 'pattern:0', cam2: 'pattern:1' });
    gw = new VideoGateway({
      videoRoot: root,
      ffmpeg: ffmpeg.ok ? ffmpeg.path : undefined,
      timeZone: 'Asia/Shanghai',
      log: { warn: (k, m) => warnings.push(`${k}: ${m}`) },
      maxRunning: 1,
      graceMs: 4000,
      dvrSeconds: 6,
      stallMs: 4000,
    });
    gw.onHealth((id, h) => seen.set(id, [...(seen.get(id) ?? []), h]));
  }, 60_000);
  afterAll(async () => {
    await gw?.stop();
    await server?.stop();
    await rm(root, { recursive: true, force: true });
  });

  it('pulls a camera on demand into live HLS with PROGRAM-DATE-TIME, copying its H.264', async () => {
    gw.register('cam1', { kind: 'rtsp', url: server.url('cam1', 'admin:s3cret') });
    expect(state('cam1')).toBe('idle');
    const t0 = Date.now();
    const keep = setInterval(() => gw.demand('cam1'), 500);
    try {
      gw.demand('cam1');
      await until(() => state('cam1') === 'up', 20_000, 'cam1 up');
      const text = await readFile(path.join(root, 'cam1', 'index.m3u8'), 'utf8');
      const segs = playlistSegments(text);
      expect(segs.length).toBeGreaterThan(0);
      // Wall-clock stamps, near now (the evidence service relies on them).
      expect(Math.abs((segs.at(-1)?.start ?? 0) - Date.now())).toBeLessThan(10_000);
      expect(segs.at(-1)?.start).toBeGreaterThanOrEqual(t0 - 2000);
      expect(gw.dvr('cam1').length).toBeGreaterThan(0);
      // A second camera waits for the one encoder slot.
      gw.register('cam2', { kind: 'rtsp', url: server.url('cam2') });
      gw.demand('cam2');
      expect(state('cam2')).toBe('queued');
    } finally {
      clearInterval(keep);
    }
  }, 40_000);

  it('keeps a DVR window on disk beyond the live playlist, and no more', async () => {
    const keep = setInterval(() => gw.demand('cam1'), 500);
    try {
      await new Promise((r) => setTimeout(r, 9000));
      const dvr = gw.dvr('cam1');
      const files = (await readdir(path.join(root, 'cam1'))).filter((f) => f.endsWith('.ts'));
      // 6 s window of ~1 s segments: bounded, and every indexed segment exists.
      expect(dvr.length).toBeGreaterThan(3);
      expect(dvr.length).toBeLessThanOrEqual(10);
      for (const s of dvr) expect(files).toContain(s.name);
      expect(files.length).toBeLessThanOrEqual(dvr.length + 2);
    } finally {
      clearInterval(keep);
    }
  }, 30_000);

  it('restarts a killed encoder with backoff, numbering on so no DVR segment is overwritten', async () => {
    const keep = setInterval(() => gw.demand('cam1'), 500);
    try {
      const before = gw.dvr('cam1').at(-1)?.seq ?? 0;
      gw.encoder('cam1')?.crash();
      await until(() => state('cam1') === 'reconnecting', 5000, 'reconnecting');
      await until(() => state('cam1') === 'up', 20_000, 'up again');
      await until(() => (gw.dvr('cam1').at(-1)?.seq ?? 0) > before + 1, 10_000, 'new segments');
      const seqs = gw.dvr('cam1').map((s) => s.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(new Set(seqs).size).toBe(seqs.length);
    } finally {
      clearInterval(keep);
    }
  }, 40_000);

  it('survives the camera dropping off the network and reports why, without its credentials', async () => {
    const keep = setInterval(() => gw.demand('cam1'), 500);
    try {
      await server.stop();
      await until(() => state('cam1') === 'reconnecting' || state('cam1') === 'down', 15_000, 'cam1 not up');
      const h = gw.health('cam1');
      expect(h?.reason).toBeTruthy();
      await server.start();
      await until(() => state('cam1') === 'up', 45_000, 'cam1 back');
      const all = JSON.stringify([...seen.values()]) + warnings.join('\n');
      expect(all).not.toContain('s3cret');
      expect(all).not.toContain('admin:');
    } finally {
      clearInterval(keep);
    }
  }, 90_000);

  it('stops an encoder nobody watches after the grace period and hands its slot to the queue', async () => {
    await until(() => state('cam1') === 'idle', 15_000, 'cam1 idle');
    await expect(readdir(path.join(root, 'cam1'))).rejects.toThrow();
    // cam2 was asked for long ago: its demand lapsed in the queue, so it is not started for nobody.
    expect(state('cam2')).not.toBe('up');
    gw.demand('cam2');
    await until(() => state('cam2') === 'up' || state('cam2') === 'starting', 10_000, 'cam2 started');
  }, 40_000);
});

describe('video gateway without ffmpeg', () => {
  it('keeps pulled cameras down with the reason', async () => {
    const gw = new VideoGateway({ videoRoot: os.tmpdir(), ffmpeg: undefined, ffmpegMissing: 'ffmpeg was not found', timeZone: 'UTC', log: { warn: () => {} } });
    gw.register('x', { kind: 'rtsp', url: 'rtsp://127.0.0.1:1/x' });
    gw.demand('x');
    expect(gw.health('x')).toMatchObject({ state: 'down', reason: 'ffmpeg was not found' });
    await gw.stop();
  });
});
