// `npm run bench -- video`: live tiles in Chromium (1, 4, 9, 16, 25) fed by the real gateway (ffmpeg, live
// HLS with PROGRAM-DATE-TIME), the wall's player against hls.js with its default configuration in the same
// run; then recovery after a 10 s network cut of a real RTSP camera and after an encoder restart.
import { chromium, type Browser, type Page } from '@playwright/test';
import { build } from 'esbuild';
import Fastify from 'fastify';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CHROMIUM_ARGS, chromiumPath } from '../../e2e/chromium';
import { locateFfmpeg } from '../../streams/video/ffmpeg-locator';
import { VideoGateway } from '../../streams/video/gateway/video-gateway';
import { registerVideoRoutes } from '../../streams/video/gateway/video-routes';
import { videoCorsHeaders } from '../../streams/video/access/video-access-routes';
import { parseVideoOrigins, videoOriginsFor } from '../../streams/video/access/video-origins';
import { originForSlot } from '../../app/video-wall/video-access';
import { RtspTestServer, rtspServerAvailable } from '../../streams/video/rtsp-test/rtsp-server';
import { percentile } from '../stats';
import type { TileSample } from './tile-page';

export interface VideoBenchOptions {
  tiles: number[];
  /** Measured seconds per tile count and player. */
  seconds: number;
  /** Distinct synthetic cameras the tiles cycle through (the gateway runs one encoder each). */
  cameras: number;
}

type Mode = 'wall' | 'default';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const r1 = (v: number) => Math.round(v * 10) / 10;

async function pageBundle(): Promise<string> {
  const r = await build({ entryPoints: [path.join(import.meta.dirname, 'tile-page.ts')], bundle: true, write: false, format: 'esm', platform: 'browser', target: 'chrome120', minify: true, logLevel: 'error' });
  return r.outputFiles[0]?.text ?? '';
}

const samples = (page: Page) => page.evaluate(() => (window as unknown as { bench: { sample(): TileSample[] } }).bench.sample());

async function openTiles(browser: Browser, base: string, urls: string[], mode: Mode): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1 });
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  await page.goto(`${base}/`);
  await page.evaluate(({ urls, mode }) => (window as unknown as { bench: { start(u: string[], m: string): void } }).bench.start(urls, mode), { urls, mode });
  return page;
}

/**
 * Where tile `i` fetches from: the wall goes round the hall's six loopback aliases as a wall window does
 * (app/video-wall/video-access.ts), so no host carries more than a browser's six connections; hls.js's
 * default setup uses the page's one origin.
 */
function originOf(base: string, i: number, mode: Mode): string {
  if (mode === 'default') return base;
  const origins = videoOriginsFor(parseVideoOrigins({}), new URL(base).host);
  return originForSlot(origins, i) ?? base;
}

/** One tile count with one player: frames, stalls, latency, main-thread CPU and heap over the window. */
async function tileRun(browser: Browser, base: string, n: number, cameras: number, mode: Mode, seconds: number): Promise<Record<string, unknown>> {
  const urls = Array.from({ length: n }, (_, i) => `${originOf(base, i, mode)}/video/b${i % cameras}/index.m3u8`);
  const page = await openTiles(browser, base, urls, mode);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  // The heap is read after a collection: without one, growth measures when V8 last collected, not a leak.
  const metrics = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    return Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  };
  // Every tile started (staggered) and settled at its latency, and the page warmed up: the heap after a
  // collection climbs for its first ~40 s (hls.js and V8 settling: 4.0 → 4.7 MB at 16 tiles) and is flat after.
  await sleep(40_000);
  const m0 = await metrics();
  const s0 = await samples(page);
  const latencies: number[] = [];
  // The heap after a collection every 15 s: a leak climbs all along, a warm-up flattens.
  const heapMb: number[] = [r1(Number(m0.JSHeapUsedSize ?? 0) / 1048576)];
  const t0 = Date.now();
  let nextHeap = t0 + 15_000;
  while (Date.now() - t0 < seconds * 1000) {
    await sleep(1000);
    for (const s of await samples(page)) if (s.latencyMs !== undefined) latencies.push(s.latencyMs);
    if (Date.now() >= nextHeap && Date.now() - t0 < seconds * 1000 - 5000) {
      heapMb.push(r1(Number((await metrics()).JSHeapUsedSize ?? 0) / 1048576));
      nextHeap += 15_000;
    }
  }
  const s1 = await samples(page);
  const m1 = await metrics();
  const span = (Date.now() - t0) / 1000;
  await page.close();
  const frames = s1.reduce((a, s, i) => a + s.frames - (s0[i]?.frames ?? 0), 0);
  const heap0 = Number(m0.JSHeapUsedSize ?? 0);
  latencies.sort((a, b) => a - b);
  return {
    tiles: n,
    player: mode,
    framesPerTilePerSecond: r1(frames / n / span),
    stalls: s1.reduce((a, s, i) => a + s.stalls - (s0[i]?.stalls ?? 0), 0),
    playing: s1.filter((s) => s.playing).length,
    latencyP50Ms: Math.round(percentile(latencies, 50)),
    latencyP95Ms: Math.round(percentile(latencies, 95)),
    mainThreadCpuPct: r1(((Number(m1.TaskDuration ?? 0) - Number(m0.TaskDuration ?? 0)) / span) * 100),
    heapGrowthPct: heap0 > 0 ? r1(((Number(m1.JSHeapUsedSize ?? 0) - heap0) / heap0) * 100) : null,
    heapMb: [...heapMb, r1(Number(m1.JSHeapUsedSize ?? 0) / 1048576)],
  };
}

/** Seconds from `since` until every tile shows a frame captured after it (by its PROGRAM-DATE-TIME); null: not within the limit. */
async function recoveredAfter(page: Page, since: number, limitMs: number): Promise<number | null> {
  while (Date.now() - since < limitMs) {
    const now = Date.now();
    const s = await samples(page);
    if (s.length > 0 && s.every((t) => t.playing && t.latencyMs !== undefined && now - t.latencyMs > since)) return r1((Date.now() - since) / 1000);
    await sleep(250);
  }
  return null;
}

async function recoveryRun(browser: Browser, base: string, rtsp: RtspTestServer, gateway: VideoGateway, mode: Mode): Promise<Record<string, unknown>> {
  const urls = ['r1', 'r2', 'r1', 'r2'].map((c, i) => `${originOf(base, i, mode)}/video/${c}/index.m3u8`);
  const page = await openTiles(browser, base, urls, mode);
  const up = await recoveredAfter(page, Date.now(), 60_000);
  await rtsp.stop();
  await sleep(10_000);
  await rtsp.start();
  const cut = await recoveredAfter(page, Date.now(), 60_000);
  await sleep(3000);
  const crashAt = Date.now();
  gateway.encoder('r1')?.crash();
  gateway.encoder('r2')?.crash();
  const restart = await recoveredAfter(page, crashAt, 60_000);
  await page.close();
  return { player: mode, firstPictureS: up, afterCutS: cut, afterEncoderRestartS: restart };
}

export async function videoBench(o: VideoBenchOptions): Promise<Record<string, unknown>> {
  const ffmpeg = await locateFfmpeg();
  if (!ffmpeg.ok) throw new Error(ffmpeg.message);
  const root = await mkdtemp(path.join(os.tmpdir(), 'gridwall-video-bench-'));
  const gateway = new VideoGateway({ videoRoot: root, ffmpeg: ffmpeg.path, timeZone: 'Asia/Shanghai', log: { warn: (k, m) => console.error(`${k}: ${m}`) }, maxRunning: 32, graceMs: 20_000, stallMs: 6000 });
  for (let i = 0; i < o.cameras; i++) gateway.register(`b${i}`, { kind: 'synthetic', label: `bench ${i}`, variant: i, width: 640, height: 360, fps: 15 });
  const rtsp = rtspServerAvailable() ? await RtspTestServer.start({ r1: 'pattern:0', r2: 'pattern:1' }) : undefined;
  if (rtsp) {
    gateway.register('r1', { kind: 'rtsp', url: rtsp.url('r1') });
    gateway.register('r2', { kind: 'rtsp', url: rtsp.url('r2') });
  }
  const js = await pageBundle();
  const app = Fastify();
  app.get('/', async (_q, reply) => reply.type('text/html').send('<!doctype html><body style="margin:0;background:#000"><script type="module" src="/page.js"></script></body>'));
  app.get('/page.js', async (_q, reply) => reply.type('text/javascript').send(js));
  // The bench page's origin may read the streams from the aliases (CORS), as the hall allows its own pages.
  registerVideoRoutes(app, { videoRoot: root, gateway, visible: () => true, cors: (o) => videoCorsHeaders(o, () => true) });
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  try {
    const runs: Array<Record<string, unknown>> = [];
    for (const n of o.tiles) {
      for (const mode of ['wall', 'default'] as const) {
        runs.push(await tileRun(browser, base, n, Math.min(n, o.cameras), mode, o.seconds));
        console.log(JSON.stringify({ part: 'tiles', ...runs.at(-1) }));
      }
    }
    const recovery: Array<Record<string, unknown>> = [];
    if (rtsp) {
      for (const mode of ['wall', 'default'] as const) {
        recovery.push(await recoveryRun(browser, base, rtsp, gateway, mode));
        console.log(JSON.stringify({ part: 'recovery', ...recovery.at(-1) }));
      }
    }
    const wall16 = runs.find((r) => r.tiles === 16 && r.player === 'wall');
    const wallRecovery = recovery.find((r) => r.player === 'wall');
    return {
      runs,
      recovery,
      targets: { stalls16: 0, latencyP95Ms: 2500, afterCutS: 5, afterEncoderRestartS: 10, heapGrowthPct: 10 },
      met: wall16
        ? {
            stalls16: wall16.stalls === 0,
            latencyP95: Number(wall16.latencyP95Ms) <= 2500,
            heapGrowth: wall16.heapGrowthPct === null || Number(wall16.heapGrowthPct) <= 10,
            ...(wallRecovery ? { afterCut: wallRecovery.afterCutS !== null && Number(wallRecovery.afterCutS) <= 5, afterEncoderRestart: wallRecovery.afterEncoderRestartS !== null && Number(wallRecovery.afterEncoderRestartS) <= 10 } : {}),
          }
        : undefined,
    };
  } finally {
    await browser.close();
    await app.close();
    await gateway.stop();
    await rtsp?.stop();
    await rm(root, { recursive: true, force: true });
  }
}
