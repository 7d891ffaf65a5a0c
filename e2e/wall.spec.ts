import { mkdir } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { startDemoServer, type DemoServer } from './demo-server';
import { pixelStats } from './pixels';

// One real demo city for the whole file: hall server, embedded broker, simulator, ffmpeg cameras.
let demo: DemoServer;
test.beforeAll(async () => {
  demo = await startDemoServer({ args: ['--reports-per-hour', '240', '--cameras', '3'] });
});
test.afterAll(async () => {
  await demo?.stop();
});

type Positions = Array<{ unitId: string; lon: number; lat: number; street?: string }>;

declare global {
  interface Window {
    gridwallDiagnostics: { seq(): number; connection(): string; layout(): string; patrolPositions(): Positions };
    cspViolations: string[];
  }
}

/** Opens the wall (with its token, as the demo printed it) and waits for it to be live, with the map up. */
async function openWall(page: Page, width: number, height: number, query = '', opts: { video?: boolean } = {}): Promise<void> {
  await page.setViewportSize({ width, height });
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(`${demo.url}/${query}#token=${demo.token}`);
  await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'live');
  await expect(page.locator('.map-loading')).toHaveCount(0, { timeout: 60_000 });
  if (opts.video !== false) await expect(page.getByTestId('camera-tile').first()).toHaveAttribute('data-status', 'playing', { timeout: 45_000 });
}

test('the wall is live: map drawn, patrols moving, video playing, chart drawn, the token off the address bar', async ({ page }) => {
  const pageErrors: string[] = [];
  const foreign: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  // Offline by design: every request goes to the hall server — itself, or the loopback names it spreads
  // video over (v1…v6.localhost on its port) — or stays in the page as blob:/data:.
  const port = new URL(demo.url).port;
  const hall = new RegExp(`^http://v[1-6]\\.localhost:${port}/video/`);
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(demo.url) && !hall.test(url) && !/^(blob|data):/.test(url)) foreign.push(url);
  });
  await openWall(page, 1920, 1080);
  expect(page.url()).not.toContain(demo.token);
  expect(await page.evaluate(() => window.gridwallDiagnostics.layout())).toBe('hd');

  // The map canvas is not blank: district fill, outline glow, labels and patrol dots.
  const map = pixelStats(await page.getByTestId('map').screenshot());
  expect(map.colours).toBeGreaterThan(50);
  expect(map.nonBackground).toBeGreaterThan(0.1);

  // Patrol positions on the page change between two samples.
  const first = await page.evaluate(() => window.gridwallDiagnostics.patrolPositions());
  expect(first.length).toBe(20);
  await page.waitForTimeout(2500);
  const second = await page.evaluate(() => window.gridwallDiagnostics.patrolPositions());
  const moved = second.filter((p) => {
    const before = first.find((f) => f.unitId === p.unitId);
    return before && (before.lon !== p.lon || before.lat !== p.lat);
  });
  expect(moved.length).toBeGreaterThan(0);

  // The video's currentTime advances (HLS is served to the wall's token only).
  const video = page.locator('video').first();
  const t0 = await video.evaluate((v: HTMLVideoElement) => v.currentTime);
  await page.waitForTimeout(2000);
  const t1 = await video.evaluate((v: HTMLVideoElement) => v.currentTime);
  expect(t1 - t0).toBeGreaterThan(1);
  expect((await fetch(`${demo.url}/video/cam-001/index.m3u8`)).status).toBe(401);

  // The chart is drawn: an echarts canvas with a line and area on it.
  await expect(page.getByTestId('online-chart').locator('canvas')).toHaveCount(1);
  await page.waitForTimeout(2500);
  const chart = pixelStats(await page.getByTestId('online-chart').screenshot());
  expect(chart.colours).toBeGreaterThan(5);
  expect(chart.nonBackground).toBeGreaterThan(0.01);

  await expect(page.getByTestId('kpi-total').locator('.kpi-value')).toHaveText('20');
  expect(await page.evaluate(() => window.cspViolations)).toEqual([]);
  expect(pageErrors).toEqual([]);
  expect(foreign).toEqual([]);
});

for (const [width, height, layout] of [
  [1920, 1080, 'hd'],
  [3840, 2160, 'uhd'],
  [7680, 2160, 'wide'],
] as const) {
  for (const lang of ['zh', 'en'] as const) {
    test(`screenshot at ${width}×${height} (${lang}): layout ${layout}, nothing off screen`, async ({ page }) => {
      await openWall(page, width, height, lang === 'en' ? '?lang=en' : '', { video: width < 7680 });
      expect(await page.evaluate(() => window.gridwallDiagnostics.layout())).toBe(layout);
      await page.waitForTimeout(2000); // a few live ticks and a second of video
      // The map has settled with its place names on it (a software GPU takes seconds at 4K and more).
      await expect.poll(async () => Number(await page.getByTestId('map').getAttribute('data-labels')), { timeout: 60_000 }).toBeGreaterThan(5);
      // Every panel and the clock lie within the screen; no panel spills into another.
      for (const box of [await page.getByTestId('clock').boundingBox(), await page.getByTestId('connection').boundingBox()]) {
        expect(box && box.x >= 0 && box.x + box.width <= width && box.y + box.height <= height).toBe(true);
      }
      const overflow = await page.evaluate(() =>
        Array.from(document.querySelectorAll<HTMLElement>('.panel')).filter((p) => {
          const r = p.getBoundingClientRect();
          return r.right > window.innerWidth + 1 || r.bottom > window.innerHeight + 1;
        }).length,
      );
      expect(overflow).toBe(0);
      const attributionFont = await page.locator('.maplibregl-ctrl-attrib').evaluate((e) => getComputedStyle(e).fontFamily);
      expect(attributionFont).toContain('Noto Sans SC');
      await mkdir('test-results/screenshots', { recursive: true });
      const shot = await page.screenshot({ path: `test-results/screenshots/wall-${width}x${height}-${lang}.png` });
      const stats = pixelStats(shot);
      expect(stats.width).toBe(width);
      expect(stats.colours).toBeGreaterThan(200);
    });
  }
}

test('inspector reports reach the wall as they are filed', async ({ page }) => {
  await openWall(page, 1920, 1080);
  await expect(page.getByTestId('report-feed').locator('li').first()).toBeVisible({ timeout: 20_000 });
});

test('a street sub-centre wall shows its street only', async ({ page }) => {
  await openWall(page, 1920, 1080, '?street=110107011000', { video: false });
  await expect(page.getByTestId('scope')).toHaveText('鲁谷街道');
  const positions = await page.evaluate(() => window.gridwallDiagnostics.patrolPositions());
  for (const p of positions) expect(p.street).toBe('110107011000');
  const all = (await (await fetch(`${demo.url}/api/patrols`, { headers: { authorization: `Bearer ${demo.token}` } })).json()) as Positions;
  expect(positions.length).toBe(all.filter((p) => p.street === '110107011000').length);
});

test('a screen without a token, or with a wrong one, says so instead of showing anything', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(`${demo.url}/`);
  await expect(page.getByTestId('access-screen')).toHaveAttribute('data-kind', 'no-token');
  await expect(page.getByTestId('access-screen')).toContainText('此屏幕尚未授权');
  await page.goto(`${demo.url}/#token=not-a-real-token-0123456789`);
  await page.reload(); // a new fragment alone does not reload the page
  await expect(page.getByTestId('access-screen')).toHaveAttribute('data-kind', 'refused');
  await expect(page.getByTestId('map')).toHaveCount(0);
});

test('English is available with ?lang=en', async ({ page }) => {
  await openWall(page, 1920, 1080, '?lang=en', { video: false });
  await expect(page.locator('h1')).toContainText('Shijingshan');
  await expect(page.getByTestId('connection')).toHaveText(/Live/);
});
