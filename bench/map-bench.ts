// `npm run bench -- map`: the wall's grid map in Chromium at 3840×2160 with all of the district's grids,
// patrols moving through the real hall (MQTT → ingest → live channel → WebSocket) and a heatmap of many
// points, against a bare deck.gl page drawing the same layers and data, in the same run.
import { chromium, type Browser, type CDPSession, type Page } from '@playwright/test';
import { build } from 'esbuild';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BBox } from '../app/geo/lnglat';
import type { UnitGridCollection } from '../app/grid/unit-grid';
import { CHROMIUM_ARGS, chromiumPath } from '../e2e/chromium';
import { MAP_MAX_FPS } from '../renderer/map/frame-pacer';
import { Role } from './child';
import { startHallProcess } from './hall-process';
import type { BareConfig } from './map/bare-config';
import { installFrameMeter, sampleFrames, settle, type FrameSample } from './map/frame-meter';
import { heatFixture } from './map/heat-fixture';
import type { PublisherReq } from './roles/publisher';

export interface MapBenchOptions {
  width: number;
  height: number;
  patrols: number;
  points: number;
  /** Each patrol's fix interval (handsets report every few seconds). */
  intervalMs: number;
  /** The measured window, moving and idle, seconds. */
  durationS: number;
}

const TERMINALS = 50;
const STEP_DEG = 1e-4; // about 8.5 m a fix: a walking inspector
const BARE = '/bench-bare/';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function bareBundle(): Promise<string> {
  const r = await build({ entryPoints: [path.join(import.meta.dirname, 'map/bare-page.ts')], bundle: true, write: false, format: 'esm', platform: 'browser', target: 'chrome120', minify: true, logLevel: 'error' });
  return r.outputFiles[0]?.text ?? '';
}

/** BENCH_PROFILE=<dir> writes a CPU profile of the page's main thread for each window, to see where time goes. */
async function profiled<T>(page: Page, cdp: CDPSession, window: string, run: () => Promise<T>): Promise<T> {
  const dir = process.env.BENCH_PROFILE;
  if (!dir) return run();
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.start');
  const r = await run();
  const { profile } = await cdp.send('Profiler.stop');
  await writeFile(path.join(dir, `${page.url().includes(BARE) ? 'bare' : 'wall'}-${window}-${Date.now()}.cpuprofile`), JSON.stringify(profile));
  return r;
}

interface PageRun {
  idle: FrameSample;
  moving: FrameSample;
}

/** Idle (patrols reporting, standing still), then moving (the same publisher, the same hall): the same two windows on either page. */
async function measure(page: Page, move: (on: boolean) => Promise<void>, o: MapBenchOptions): Promise<PageRun> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await move(false);
  await sleep(o.intervalMs + 3000); // the last glides end
  const settled = await settle(page, 10_000, 120_000);
  if (!settled) console.error(`${page.url().includes(BARE) ? 'bare' : 'wall'}: still drawing 2 min after the patrols stopped`);
  const idle = await profiled(page, cdp, 'idle', () => sampleFrames(page, cdp, o.durationS * 1000));
  await move(true);
  await sleep(o.intervalMs * 2); // every patrol is under way
  const moving = await profiled(page, cdp, 'moving', () => sampleFrames(page, cdp, o.durationS * 1000));
  await move(false);
  await cdp.detach();
  return { idle, moving };
}

async function newPage(browser: Browser, o: MapBenchOptions): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: o.width, height: o.height }, deviceScaleFactor: 1, locale: 'zh-CN' });
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  page.on('console', (m) => void (m.type() === 'error' && console.error(`page console: ${m.text()}`)));
  await installFrameMeter(page);
  return page;
}

export async function mapBench(o: MapBenchOptions) {
  // The wall as it is now: built from the sources (`serve` rebuilds when they changed).
  const hall = await startHallProcess({ UNIT_MAX_RATE: '1000', UNIT_MAX_BURST: '1000', MQTT_CLIENT_MAX_RATE: '1000000' }, { build: true });
  const publisher = new Role<PublisherReq>('publisher');
  // The bare page is fulfilled by Playwright, not fetched from the hall, so Chromium's local-network-access
  // check would take it for a public page and refuse its WebSocket to the hall on loopback.
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: [...CHROMIUM_ARGS, '--disable-features=LocalNetworkAccessChecks'] });
  try {
    const auth = { authorization: `Bearer ${hall.tokens.wall}` };
    const get = async (p: string) => {
      const res = await fetch(`${hall.url}${p}`, { headers: auth });
      if (!res.ok) throw new Error(`${p}: HTTP ${res.status}`);
      return res.text();
    };
    const [gridsText, areasText, cityText] = await Promise.all([get('/api/grids'), get('/api/grids/areas'), get('/api/city')]);
    const grids = JSON.parse(gridsText) as UnitGridCollection;
    const bounds = (JSON.parse(cityText) as { bounds: BBox }).bounds;
    const coords = heatFixture(grids, o.points);
    const now = Date.now();
    const heatJson = JSON.stringify({ metric: 'reports', window: '7d', from: now - 7 * 86_400_000, to: now, coords: Array.from(coords, (c) => Math.round(c * 1e6) / 1e6) });

    await publisher.ask({
      type: 'start',
      url: hall.mqtt,
      prefix: 'gridwall/v1/',
      terminals: TERMINALS,
      units: o.patrols,
      unitIntervalMs: o.intervalMs,
      stepDeg: 0,
      credentials: { username: 'bench-gateway', password: hall.tokens.gateway },
    });
    const move = (on: boolean) => publisher.ask({ type: 'move', stepDeg: on ? STEP_DEG : 0 }).then(() => undefined);

    // The wall: the map alone, heatmap of reports, the heat points the hall would serve for a busy month.
    const wallPage = await newPage(browser, o);
    await wallPage.route('**/api/grids/points?*', (r) => r.fulfill({ contentType: 'application/json', body: heatJson }));
    await wallPage.goto(`${hall.url}/?layout=map&grid-layer=heatmap#token=${hall.tokens.wall}`);
    await wallPage.locator('[data-testid="connection"][data-state="live"]').waitFor({ timeout: 60_000 });
    await wallPage.locator('.map-loading').waitFor({ state: 'detached', timeout: 120_000 });
    await sleep(5000);
    const wall = await measure(wallPage, move, o);
    await wallPage.close();

    // The bare page: the same data, the same live patrols, served on the hall's origin (so /live lets it in).
    const config: BareConfig = { bounds, token: hall.tokens.wall, fps: MAP_MAX_FPS };
    const files: Record<string, { type: string; body: string | Buffer }> = {
      '': { type: 'text/html', body: '<!doctype html><meta charset="utf-8"><body style="margin:0;background:#050d1c;overflow:hidden"><script type="module" src="bare.js"></script>' },
      'bare.js': { type: 'text/javascript', body: await bareBundle() },
      'config.json': { type: 'application/json', body: JSON.stringify(config) },
      'grids.json': { type: 'application/json', body: gridsText },
      'areas.json': { type: 'application/json', body: areasText },
      'points.bin': { type: 'application/octet-stream', body: Buffer.from(coords.buffer) },
    };
    const barePage = await newPage(browser, o);
    await barePage.route(`${hall.url}${BARE}*`, (r) => {
      const f = files[new URL(r.request().url()).pathname.slice(BARE.length)];
      return f ? r.fulfill({ contentType: f.type, body: f.body }) : r.fulfill({ status: 404 });
    });
    await barePage.goto(`${hall.url}${BARE}`);
    await barePage.waitForFunction(() => (window as unknown as { benchReady?: boolean }).benchReady, undefined, { timeout: 120_000 });
    await sleep(5000);
    const bare = await measure(barePage, move, o);
    await barePage.close();

    const ratio = bare.moving.msPerFrame ? Math.round((wall.moving.msPerFrame / bare.moving.msPerFrame) * 100) / 100 : undefined;
    return {
      viewport: `${o.width}x${o.height}`,
      grids: grids.features.length,
      patrols: o.patrols,
      heatPoints: o.points,
      intervalMs: o.intervalMs,
      fpsCap: MAP_MAX_FPS,
      wall,
      bare,
      msPerFrameRatio: ratio,
      idleFramesPerS: wall.idle.drawnPerS,
      targets: { msPerFrameRatio: 1.2, idleFramesPerS: 0 },
      met: ratio !== undefined && ratio <= 1.2 && wall.idle.drawnPerS === 0,
    };
  } finally {
    await browser.close();
    publisher.kill();
    await hall.stop();
  }
}
