import { spawn } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { VideoWallState, VideoWallUpdate } from '../app/video-wall/video-wall';
import { startDemoServer, type DemoServer } from './demo-server';
import { pixelStats } from './pixels';

// The CCTV wall against a real hall: nine `file:` cameras (the PETS 2009 clip, looped by the gateway's real
// ffmpeg as live HLS with PROGRAM-DATE-TIME), the wall-wide split and tour on /live, a stream that dies,
// and an operator capturing a frame into a case.
const CLIP = '/work/shared/data/video/vtest_pets2009.mp4';
const CAMERAS = [
  { id: 'cam-01', name: '鲁谷路·银河大街路口', lon: 116.2205, lat: 39.8968, groups: ['鲁谷'] },
  { id: 'cam-02', name: '石景山路·古城大街口', lon: 116.1905, lat: 39.9065, groups: ['古城'] },
  { id: 'cam-03', name: '阜石路·金顶街', lon: 116.1655, lat: 39.9255, groups: ['金顶街'] },
  { id: 'cam-04', name: '八角游乐园南门', lon: 116.212, lat: 39.9075, groups: ['八角'] },
  { id: 'cam-05', name: '苹果园地铁站东口', lon: 116.178, lat: 39.9265, groups: ['苹果园'] },
  { id: 'cam-06', name: '老山南路·老山东里', lon: 116.229, lat: 39.904, groups: ['鲁谷'] },
  { id: 'cam-07', name: '玉泉路·八宝山路口', lon: 116.2335, lat: 39.907, groups: ['八宝山'] },
  { id: 'cam-08', name: '模式口大街', lon: 116.171, lat: 39.9395, groups: ['金顶街'] },
  { id: 'cam-09', name: '首钢园·群明湖', lon: 116.164, lat: 39.912, groups: ['古城'] },
];

let demo: DemoServer;
let tokens: Array<{ role: string; token: string }> = [];
const tokenOf = (role: string) => tokens.find((t) => t.role === role)?.token ?? '';
const call = (method: string, p: string, body?: unknown, role = 'operator') =>
  fetch(`${demo.url}${p}`, { method, headers: { authorization: `Bearer ${tokenOf(role)}`, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
const setWall = async (u: VideoWallUpdate): Promise<VideoWallState> => {
  const res = await call('PUT', '/api/video-wall', u);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as VideoWallState;
};

/** The clip with a keyframe every second (10 fps), so the gateway copies it into 1 s segments as a camera would send them. */
async function prepareClip(mediaDir: string): Promise<void> {
  await mkdir(mediaDir, { recursive: true });
  const out = path.join(mediaDir, 'pets2009.mp4');
  const args = ['-hide_banner', '-loglevel', 'error', '-y', '-i', CLIP, '-an', '-c:v', 'libx264', '-preset', 'veryfast', '-g', '10', '-keyint_min', '10', '-sc_threshold', '0', '-pix_fmt', 'yuv420p', out];
  await new Promise<void>((resolve, reject) => {
    const p = spawn('ffmpeg', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    p.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg ${code}: ${err}`))));
  });
}

test.beforeAll(async () => {
  test.setTimeout(240_000);
  demo = await startDemoServer({ args: ['--cameras', '0', '--patrols', '3', '--reports-per-hour', '0'] });
  tokens = JSON.parse(await readFile(`${demo.dataDir}/tokens.json`, 'utf8')) as typeof tokens;
  await prepareClip(path.join(demo.dataDir, 'media'));
  for (const c of CAMERAS) {
    // The camera store opens with the database (the demo writes its case history first): retry while it says 503.
    let res: Response | undefined;
    for (let i = 0; i < 90 && (!res || res.status === 503); i++) {
      if (res) await new Promise((r) => setTimeout(r, 2000));
      res = await call('POST', '/api/cameras', { ...c, main: { url: 'file:pets2009.mp4' }, exhibit: true });
    }
    expect([201, 409], await res?.clone().text()).toContain(res?.status);
  }
  await setWall({ layout: 9, cells: [], pinned: [], maximised: null, tour: { dwellS: 3600 } });
});
test.afterAll(async () => {
  await demo?.stop();
});

/** Opens a window of the wall and waits until it is live and its tiles play. */
async function openWall(page: Page, width: number, height: number, query: string, role = 'wall', playing = 9): Promise<void> {
  await page.setViewportSize({ width, height });
  await page.goto(`${demo.url}/${query}#token=${tokenOf(role)}`);
  await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'live', { timeout: 90_000 });
  await expect(page.locator('[data-testid="camera-grid"] [data-status="playing"]')).toHaveCount(playing, { timeout: 90_000 });
}

/** The camera in each cell, in order, as a window shows it. */
const cellsOf = (page: Page) => page.locator('[data-testid="camera-grid"] [data-testid="camera-tile"]').evaluateAll((tiles) => tiles.map((t) => t.getAttribute('data-camera')));

async function shoot(page: Page, name: string, width: number): Promise<void> {
  await mkdir('test-results/screenshots', { recursive: true });
  const stats = pixelStats(await page.screenshot({ path: `test-results/screenshots/${name}.png` }));
  expect(stats.width).toBe(width);
  expect(stats.colours).toBeGreaterThan(150);
}

test('nine tiles play real HLS, each labelled with its camera, street and the live clock of its frame', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // When each tile first asks for its playlist: the starts are staggered, not 9 at once.
  const firstAsk = new Map<string, number>();
  // Which host each camera's stream came from, and whether any video request carried the surface's token.
  const hostOf = new Map<string, string>();
  const tokenSent: string[] = [];
  page.on('request', (r) => {
    const m = /\/video\/([^/]+)\/index\.m3u8/.exec(r.url());
    if (m?.[1] && !firstAsk.has(m[1])) firstAsk.set(m[1], Date.now());
    if (m?.[1]) hostOf.set(m[1], new URL(r.url()).host);
    if (new URL(r.url()).pathname.startsWith('/video/') && r.headers()['authorization']) tokenSent.push(r.url());
  });
  await openWall(page, 1920, 1080, '?layout=cctv');
  const starts = [...firstAsk.values()].sort((a, b) => a - b);
  expect(starts).toHaveLength(9);
  expect((starts.at(-1) ?? 0) - (starts[0] ?? 0)).toBeGreaterThan(8 * 100);
  expect(await cellsOf(page)).toEqual(CAMERAS.map((c) => c.id));
  // More than six streams, spread over the hall's video host names (≤ 2 of 9 per host), with a URL ticket
  // rather than the surface's token.
  const perHost = new Map<string, number>();
  for (const h of hostOf.values()) perHost.set(h, (perHost.get(h) ?? 0) + 1);
  expect([...perHost.keys()].every((h) => /^v[1-6]\.localhost:\d+$/.test(h)), [...perHost.keys()].join()).toBe(true);
  expect(Math.max(...perHost.values())).toBeLessThanOrEqual(2);
  expect(tokenSent).toEqual([]);
  // Every tile's picture moves and its clock is the stream's own time, a few seconds behind the hall.
  const videos = page.locator('[data-testid="camera-grid"] video');
  const t0 = await videos.evaluateAll((vs) => vs.map((v) => (v as HTMLVideoElement).currentTime));
  await page.waitForTimeout(2500);
  const t1 = await videos.evaluateAll((vs) => vs.map((v) => (v as HTMLVideoElement).currentTime));
  expect(t1.every((t, i) => t - (t0[i] ?? 0) > 1)).toBe(true);
  const clocks = await page.getByTestId('tile-clock').evaluateAll((ts) => ts.map((t) => Date.parse(t.getAttribute('datetime') ?? '')));
  expect(clocks).toHaveLength(9);
  for (const at of clocks) expect(Date.now() - at).toBeLessThan(12_000);
  // One wall-wide distance behind live: the tiles show frames within a few seconds of one another.
  expect(Math.max(...clocks) - Math.min(...clocks)).toBeLessThan(4000);
  await expect(page.getByTestId('camera-tile').first()).toContainText('鲁谷路·银河大街路口');
  await expect(page.getByTestId('tour-text')).toContainText('9 路全部在屏');
  expect(errors).toEqual([]);
});

test('the tour turns on every window together, and an operator pause holds it on both', async ({ browser }) => {
  test.setTimeout(180_000);
  await setWall({ layout: 4, tour: { dwellS: 6 } });
  const ctx = await browser.newContext();
  const [a, b] = [await ctx.newPage(), await ctx.newPage()];
  await openWall(a, 1920, 1080, '?layout=cctv&surface=wall-1', 'wall', 4);
  await openWall(b, 1920, 1080, '?layout=cctv&surface=wall-2', 'wall', 4);
  const first = await cellsOf(a);
  await expect.poll(() => cellsOf(a), { timeout: 15_000 }).not.toEqual(first);
  // Both windows turn to the same page (each computes it from the hall's state on the hall's clock).
  await expect.poll(async () => JSON.stringify(await cellsOf(b)), { timeout: 3000 }).toBe(JSON.stringify(await cellsOf(a)));
  await expect(a.getByTestId('tour-text')).toContainText(/第 \d\/3 组 · \d 秒后切换/);
  const paused = (await (await call('POST', '/api/video-wall/tour/pause')).json()) as VideoWallState;
  expect(paused.tour?.pausedBy).toBe('operator');
  for (const p of [a, b]) await expect(p.getByTestId('tour-bar')).toHaveAttribute('data-paused', 'operator');
  await expect(a.getByTestId('tour-text')).toContainText('轮巡暂停（值班员）');
  const held = await cellsOf(a);
  await a.waitForTimeout(7000);
  expect(await cellsOf(a)).toEqual(held);
  expect(await cellsOf(b)).toEqual(held);
  await shoot(a, 'cctv-tour-paused-1920x1080-zh', 1920);
  await ctx.close();
  await call('POST', '/api/video-wall/tour/resume');
  await setWall({ layout: 9, tour: { dwellS: 3600 } });
});

test('a stream that freezes shows 信号中断 since its last live frame over a dark tile, then comes back', async ({ page }) => {
  test.setTimeout(150_000);
  await openWall(page, 1920, 1080, '?layout=cctv');
  // The encoder "dies" for this window: its playlist stops moving (hls.latency would still look fine).
  let frozen: string | undefined;
  // Tiles fetch from the hall's video host names with a ticket in the query: match the path only.
  const cam05 = /\/video\/cam-05\/index\.m3u8/;
  await page.route(cam05, async (route) => {
    // Chromium resolves v1…v6.localhost to loopback; Node's resolver may not, so fetch by address.
    if (!frozen) frozen = await (await route.fetch({ url: route.request().url().replace(/\/\/v\d\.localhost:/, '//127.0.0.1:') })).text();
    await route.fulfill({ status: 200, contentType: 'application/vnd.apple.mpegurl', headers: { 'access-control-allow-origin': '*' }, body: frozen });
  });
  const tile = page.locator('[data-testid="camera-tile"][data-camera="cam-05"]');
  await expect(tile).toHaveAttribute('data-state', 'lost', { timeout: 40_000 });
  await expect(tile).toContainText(/信号中断 · 自 \d\d:\d\d:\d\d 起/);
  // The picture is hidden, not left standing as if live.
  expect(await tile.locator('video').evaluate((v) => getComputedStyle(v).visibility)).toBe('hidden');
  await expect(page.locator('[data-testid="camera-tile"][data-status="playing"]')).toHaveCount(8);
  await shoot(page, 'cctv-lost-1920x1080-zh', 1920);
  await page.unroute(cam05);
  await expect(tile).toHaveAttribute('data-state', 'playing', { timeout: 40_000 });
});

test('a hidden window stops its streams and starts them again when shown', async ({ page }) => {
  await openWall(page, 1920, 1080, '?layout=cctv');
  const asked: string[] = [];
  page.on('request', (r) => void (r.url().includes('/video/') && asked.push(r.url())));
  const visibility = (state: 'hidden' | 'visible') =>
    page.evaluate((s) => {
      Object.defineProperty(document, 'visibilityState', { value: s, configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    }, state);
  await visibility('hidden');
  await expect(page.locator('[data-testid="camera-tile"][data-state="off-screen"]')).toHaveCount(9);
  await page.waitForTimeout(1000);
  asked.length = 0;
  await page.waitForTimeout(3000);
  expect(asked).toEqual([]);
  await visibility('visible');
  await expect(page.locator('[data-testid="camera-grid"] [data-status="playing"]')).toHaveCount(9, { timeout: 60_000 });
});

const SIZES = [
  [1920, 1080, 'cctv'],
  [3840, 2160, 'cctv'],
  [7680, 2160, 'cctv-wide'],
] as const;

for (const [width, height, layout] of SIZES) {
  for (const lang of ['zh', 'en'] as const) {
    test(`screenshot ${layout} at ${width}×${height} (${lang}): nine live tiles, labels whole`, async ({ page }) => {
      test.setTimeout(width > 1920 ? 300_000 : 150_000);
      await openWall(page, width, height, `?layout=${layout}${lang === 'en' ? '&lang=en' : ''}`);
      await page.waitForTimeout(1500);
      // Labels and the tour strip: nothing spills out of its tile.
      const spilled = await page.evaluate(() =>
        Array.from(document.querySelectorAll<HTMLElement>('.cam-label > *, .vw-bar > *')).filter((e) => {
          const box = e.closest('.cam-tile, .vw-bar')?.getBoundingClientRect();
          const r = e.getBoundingClientRect();
          return box && (r.right > box.right + 1 || r.bottom > box.bottom + 1);
        }).map((e) => e.textContent),
      );
      expect(spilled).toEqual([]);
      // Legible from 5 m: tile labels at least ~1/80 of the screen's height.
      const size = await page.locator('.cam-name').first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
      expect(size).toBeGreaterThanOrEqual(height / 80);
      await expect(page.getByTestId('tour-text')).toContainText(lang === 'en' ? 'all 9 on screen' : '9 路全部在屏');
      await shoot(page, `cctv-${layout}-${width}x${height}-${lang}`, width);
    });
  }
}

test('an alarm pins its camera with a red frame and 告警 · 占道经营 · its time, pauses the tour, and lets go when acknowledged', async ({ page, browser }) => {
  test.setTimeout(150_000);
  await setWall({ layout: 9, cells: [], pinned: [], maximised: null, tour: { dwellS: 3600 } });
  await openWall(page, 1920, 1080, '?layout=cctv');
  const res = await call('POST', '/api/alarms', { cameraId: 'cam-04', kind: 'street-trading', message: '摊位占道', source: 'ai-platform' }, 'gateway');
  expect(res.status, await res.clone().text()).toBe(201);
  const alarm = (await res.json()) as { id: string };
  const tile = page.locator('[data-testid="camera-tile"][data-camera="cam-04"]');
  await expect(tile).toHaveAttribute('data-alarm', 'open', { timeout: 10_000 });
  const mark = tile.getByTestId('tile-alarm');
  await expect(mark).toHaveText(/^告警 · 占道经营 · \d\d:\d\d:\d\d$/);
  expect(await mark.evaluate((e) => parseFloat(getComputedStyle(e).fontSize))).toBeGreaterThanOrEqual(1080 / 80);
  await expect(page.getByTestId('tour-bar')).toHaveAttribute('data-paused', 'alarm');
  await shoot(page, 'cctv-alarm-1920x1080-zh', 1920);
  // The same tile in English.
  const en = await browser.newPage();
  await en.goto(`${demo.url}/?layout=cctv&lang=en#token=${tokenOf('wall')}`);
  await expect(en.locator('[data-camera="cam-04"] [data-testid="tile-alarm"]')).toHaveText(/^ALARM · Street trading · \d\d:\d\d:\d\d$/, { timeout: 60_000 });
  await en.close();
  expect((await call('POST', `/api/alarms/${alarm.id}/ack`)).status).toBe(200);
  await expect(tile.getByTestId('tile-alarm')).toHaveCount(0);
  await expect(page.getByTestId('tour-bar')).not.toHaveAttribute('data-paused', 'alarm');
});

test.describe('evidence in one click', () => {
  let evidence = false;
  test.beforeAll(async () => {
    const probe = await call('POST', '/api/evidence', {});
    evidence = probe.status !== 404;
  });

  test('an operator clicks a tile: it freezes, the form opens prefilled, and the case reaches every wall', async ({ browser }) => {
    test.skip(!evidence, 'this hall has no POST /api/evidence yet (the evidence module is not there)');
    test.setTimeout(180_000);
    await setWall({ layout: 9, tour: { dwellS: 3600 } });
    const ctx = await browser.newContext();
    const wall = await ctx.newPage();
    const desk = await ctx.newPage();
    await openWall(wall, 1920, 1080, '?layout=cctv&surface=wall-1', 'wall');
    await openWall(desk, 1920, 1080, '?layout=cctv&surface=console', 'operator');
    // Let the DVR hold a few seconds of each camera.
    await desk.waitForTimeout(4000);
    const tile = desk.locator('[data-testid="camera-tile"][data-camera="cam-03"]');
    await tile.click();
    await expect(tile).toHaveAttribute('data-frozen', 'true');
    const dialog = desk.getByTestId('capture-dialog');
    await expect(dialog).toBeVisible();
    await expect(desk.getByTestId('capture-camera')).toHaveText('阜石路·金顶街');
    await expect(desk.getByTestId('capture-evidence')).toBeVisible({ timeout: 20_000 });
    const kind = await desk.getByTestId('capture-evidence').getAttribute('data-kind');
    console.log(`evidence kind: ${kind}`);
    // A box over the problem, dragged on the frozen frame.
    const frame = await desk.getByTestId('capture-frame').boundingBox();
    if (!frame) throw new Error('no frame');
    await desk.mouse.move(frame.x + frame.width * 0.3, frame.y + frame.height * 0.35);
    await desk.mouse.down();
    await desk.mouse.move(frame.x + frame.width * 0.6, frame.y + frame.height * 0.7, { steps: 5 });
    await desk.mouse.up();
    await expect(desk.getByTestId('capture-box')).toBeVisible();
    const category = desk.getByTestId('capture-category');
    if (!(await category.inputValue())) await category.selectOption('event.0102');
    await shoot(desk, 'cctv-capture-1920x1080-zh', 1920);
    const savedAt = Date.now();
    await desk.getByTestId('capture-save').click();
    await expect(dialog).toHaveCount(0, { timeout: 15_000 });
    const done = desk.getByTestId('capture-done');
    await expect(done).toContainText(/已立案 \d{6}-\d{8}-\d{4}/);
    const caseId = (await done.getAttribute('data-case')) ?? '';
    await expect(tile).not.toHaveAttribute('data-frozen', 'true');
    // Live again, at the wall's distance behind the live edge (not where the picture was held).
    await expect(tile).toHaveAttribute('data-status', 'playing', { timeout: 30_000 });
    await expect
      .poll(async () => Date.now() - Date.parse((await tile.getByTestId('tile-clock').getAttribute('datetime')) ?? ''), { timeout: 20_000 })
      .toBeLessThan(10_000);
    // On the other window: the case in the feed, and the tour paused for it.
    const row = wall.getByTestId('case-feed').locator(`[data-case="${caseId}"]`);
    await expect(row).toContainText('视频抓拍：阜石路·金顶街', { timeout: 10_000 });
    console.log(`save → case on the other window: ${Date.now() - savedAt} ms (software GPU, shared CPU)`);
    await expect(wall.getByTestId('tour-bar')).toHaveAttribute('data-paused', 'video-case', { timeout: 10_000 });
    await shoot(wall, 'cctv-case-on-wall-1920x1080-zh', 1920);
    await ctx.close();
    await call('POST', '/api/video-wall/tour/resume');
  });

  test('a double click at the console maximises the tile on every window, on its main stream, and captures nothing', async ({ browser }) => {
    test.setTimeout(150_000);
    const ctx = await browser.newContext();
    const wall = await ctx.newPage();
    const desk = await ctx.newPage();
    await openWall(wall, 1920, 1080, '?layout=cctv&surface=wall-1', 'wall');
    await openWall(desk, 1920, 1080, '?layout=cctv&surface=console', 'operator');
    await desk.locator('[data-testid="camera-tile"][data-camera="cam-07"]').dblclick();
    for (const p of [wall, desk]) {
      await expect(p.getByTestId('camera-grid')).toHaveAttribute('data-maximised', '6');
      await expect(p.locator('[data-testid="camera-grid"] [data-testid="camera-tile"]')).toHaveCount(1);
      await expect(p.locator('[data-testid="camera-tile"][data-camera="cam-07"]')).toHaveAttribute('data-status', 'playing', { timeout: 60_000 });
    }
    await expect(desk.getByTestId('capture-dialog')).toHaveCount(0);
    await shoot(wall, 'cctv-maximised-1920x1080-zh', 1920);
    await desk.locator('[data-testid="camera-tile"][data-camera="cam-07"]').dblclick();
    for (const p of [wall, desk]) await expect(p.locator('[data-testid="camera-grid"] [data-testid="camera-tile"]')).toHaveCount(9);
    await ctx.close();
  });

  test('walls and exhibit surfaces offer no capture', async ({ page }) => {
    await openWall(page, 1920, 1080, '?layout=cctv', 'wall');
    await page.locator('[data-testid="camera-tile"]').first().click();
    await page.waitForTimeout(600);
    await expect(page.getByTestId('capture-dialog')).toHaveCount(0);
    await expect(page.locator('[data-frozen]')).toHaveCount(0);
    await expect(page.locator('.cam-hint')).toHaveCount(0);
  });

  test('a camera played straight from a platform has no DVR: the frame is cut from the player’s own segment', async ({ page }) => {
    test.skip(!evidence, 'this hall has no POST /api/evidence yet');
    test.setTimeout(150_000);
    // A "platform" HLS URL the tiles play directly (here the hall's own stream of cam-01 under its page
    // origin, so the wall's token goes with it); the hall pulls nothing for it and has no DVR of it.
    const direct = { id: 'cam-direct', name: '平台直连·鲁谷', lon: 116.2205, lat: 39.8968, main: { url: `${demo.url}/video/cam-01/index.m3u8` }, exhibit: true };
    const made = await call('POST', '/api/cameras', direct);
    expect(made.status, await made.clone().text()).toBe(201);
    try {
      await setWall({ layout: 1, cells: ['cam-direct'], pinned: [0], tour: null, maximised: null });
      await openWall(page, 1920, 1080, '?layout=cctv&surface=console', 'operator', 1);
      const sent: Array<Record<string, unknown>> = [];
      page.on('request', (r) => void (r.method() === 'POST' && r.url().endsWith('/api/evidence') && sent.push(r.postDataJSON() as Record<string, unknown>)));
      await page.waitForTimeout(2000);
      const tile = page.locator('[data-testid="camera-tile"][data-camera="cam-direct"]');
      await tile.click();
      await expect(page.getByTestId('capture-evidence')).toHaveAttribute('data-kind', 'buffered', { timeout: 30_000 });
      expect(sent).toHaveLength(2);
      expect(sent[0]).not.toHaveProperty('segment');
      const t = Number(sent[1]?.streamTime);
      const start = Number(sent[1]?.segmentStart);
      expect(t).toBeGreaterThanOrEqual(start);
      expect(t - start).toBeLessThan(3000);
      await shoot(page, 'cctv-capture-buffered-1920x1080-zh', 1920);
      await page.getByTestId('capture-cancel').click();
    } finally {
      await call('DELETE', '/api/cameras/cam-direct');
      await setWall({ layout: 9, cells: [], pinned: [], maximised: null, tour: { dwellS: 3600 } });
    }
  });
});
