import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { caseChannel } from '../../app/case/case-channels';
import { segmentAt } from '../../app/evidence/dvr-window';
import { latestOf } from '../../app/live/live-view';
import { findFfmpeg } from '../../streams/evidence/evidence-fixture';
import { runFfmpeg } from '../../streams/evidence/ffmpeg-run';
import { cutFrame } from '../../streams/evidence/frame-cut';
import { makeTestDvr, pixelMd5, testCamera, testVideo, type TestDvr } from '../../streams/evidence/test-dvr';
import { startTestHall, TestSurface, waitUntil } from '../../streams/hall/test-hall';
import { percentile } from '../stats';

export interface EvidenceBenchOptions {
  /** Frames cut (each also cut by the baseline and compared). */
  captures: number;
  /** Click → case on a second wall surface, this many times (0: skip). */
  clicks: number;
  /** The DVR's picture size, e.g. 1920x1080 (a camera's main stream). */
  size: string;
  /** Seconds of DVR window generated. */
  seconds: number;
}

const TARGET_FRAME_MS = 500;
const TARGET_CLICK_MS = 1000;

const summary = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  return { p50: Math.round(percentile(s, 50)), p95: Math.round(percentile(s, 95)), max: Math.round(s.at(-1) ?? 0) };
};

/**
 * Frame extraction against a baseline in the same run: for random frame times in a real ffmpeg DVR
 * window (1 s segments with PROGRAM-DATE-TIME), our cut (find the segment, read its frame times, cut that
 * frame as PNG) and an independent `ffmpeg -ss <offset> -i <playlist>` extraction of the same time, whose
 * pixels must be the same. Times fall on frame times, where "the frame on screen at T" and ffmpeg's
 * "first frame at or after T" agree.
 */
async function frameRuns(ffmpeg: string, dvr: TestDvr, n: number) {
  const first = dvr.segments[0];
  const last = dvr.segments.at(-1);
  if (!first || !last) throw new Error('the DVR is empty');
  const frames = Math.floor((last.start + last.durationMs - first.start) / 40) - 1;
  const ours: number[] = [];
  const baseline: number[] = [];
  const mismatches: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = first.start + Math.floor(Math.random() * frames) * 40;
    const found = segmentAt(dvr.segments, t);
    if (!found.ok) throw new Error(`no segment at ${t}`);
    const cut = await cutFrame(ffmpeg, found.segment, t);
    ours.push(cut.ms);
    const t0 = performance.now();
    const ref = await runFfmpeg(ffmpeg, ['-ss', ((t - first.start) / 1000).toFixed(3), '-i', dvr.playlist, '-map', '0:v:0', '-frames:v', '1', '-f', 'image2pipe', '-c:v', 'png', '-compression_level', '1', 'pipe:1']);
    baseline.push(performance.now() - t0);
    if ((await pixelMd5(ffmpeg, cut.png)) !== (await pixelMd5(ffmpeg, ref.stdout))) mismatches.push(t - first.start);
  }
  const o = summary(ours);
  const b = summary(baseline);
  return {
    captures: n,
    oursMs: o,
    baselineMs: b,
    /** ours p50 ÷ baseline p50 (below 1: faster than seeking through the playlist). */
    ratio: Number((o.p50 / Math.max(1, b.p50)).toFixed(2)),
    matched: n - mismatches.length,
    mismatchOffsetsMs: mismatches,
    targetMs: TARGET_FRAME_MS,
    met: o.p95 <= TARGET_FRAME_MS && mismatches.length === 0,
  };
}

/** Click → case visible on a second wall surface: POST /api/evidence, POST …/case, until the wall's /live view holds the case. */
async function clickRuns(ffmpeg: string, dvr: TestDvr, n: number) {
  // The hall's defaults: embedded broker and PGlite in a temp data dir, the live tick at 100 ms.
  const t = await startTestHall({ LIVE_TICK_MS: '100' });
  t.hall.modules.evidence.useVideo(testVideo(ffmpeg, { 'cam-1': { camera: testCamera('cam-1'), segments: () => dvr.segments } }));
  const wall = new TestSurface(t.hall.url, { token: t.tokens.wall ?? '' }, { extra: [caseChannel] });
  const post = (p: string, body: unknown) => t.api(p, { role: 'operator', method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  try {
    await waitUntil(async () => ((await (await fetch(`${t.hall.url}/api/health`)).json()) as { evidence?: { store?: string } }).evidence?.store === 'open', 60_000, 'the evidence store');
    const first = dvr.segments[0]?.start ?? 0;
    const total: number[] = [];
    const capture: number[] = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      const res = await post('/api/evidence', { cameraId: 'cam-1', streamTime: first + 1000 + Math.floor(Math.random() * (dvr.segments.length - 2) * 25) * 40, source: 'bench-console' });
      if (res.status !== 201) throw new Error(`capture → ${res.status}: ${await res.text()}`);
      capture.push(performance.now() - t0);
      const { id } = (await res.json()) as { id: string };
      const linked = await post(`/api/evidence/${id}/case`, { category: 'event.0504' });
      if (linked.status !== 201) throw new Error(`case → ${linked.status}: ${await linked.text()}`);
      const made = (await linked.json()) as { id: string };
      await wall.waitFor((s) => latestOf(s.view, caseChannel).has(made.id), 10_000);
      total.push(performance.now() - t0);
    }
    const c = summary(total);
    return { clicks: n, clickToWallMs: c, captureMs: summary(capture), targetMs: TARGET_CLICK_MS, met: c.p95 <= TARGET_CLICK_MS };
  } finally {
    wall.close();
    await t.stop();
  }
}

/**
 * `npm run bench -- evidence`: frame extraction (p50/p95, against an independent `ffmpeg -ss` extraction
 * of the same stream time, pixels compared) and click → case on a second wall surface, on a real DVR
 * window made by ffmpeg at the main stream's resolution.
 */
export async function evidenceBench(o: EvidenceBenchOptions): Promise<Record<string, unknown>> {
  const ffmpeg = await findFfmpeg();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'gridwall-bench-evidence-'));
  try {
    const dvr = await makeTestDvr(ffmpeg, dir, { seconds: o.seconds, size: o.size });
    const out: Record<string, unknown> = { size: o.size, cpus: os.cpus().length, load1: Number(os.loadavg()[0]?.toFixed(2)) };
    out.frame = await frameRuns(ffmpeg, dvr, o.captures);
    console.log(JSON.stringify({ part: 'frame', ...(out.frame as object) }));
    if (o.clicks > 0) {
      out.click = await clickRuns(ffmpeg, dvr, o.clicks);
      console.log(JSON.stringify({ part: 'click', ...(out.click as object) }));
    }
    return out;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
