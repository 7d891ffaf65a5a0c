import { mkdir } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { startDemoServer, type DemoServer } from './demo-server';
import { pixelStats } from './pixels';

// One real demo city for the whole file: hall server, embedded broker, simulator, ffmpeg camera.
let demo: DemoServer;
test.beforeAll(async () => {
  demo = await startDemoServer({ args: ['--reports-per-hour', '240'] });
});
test.afterAll(async () => {
  await demo?.stop();
});

type Positions = Array<{ unitId: string; lon: number; lat: number; street?: string }>;

declare global {
  interface Window {
    gridwallDiagnostics: { seq(): number; connection(): string; patrolPositions(): Positions };
    cspViolations: string[];
  }
}

/** Opens the wall at a viewport size and waits for it to be live, with map and video up. */
async function openWall(page: Page, width: number, height: number, query = ''): Promise<void> {
  await page.setViewportSize({ width, height });
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(`${demo.url}/${query}`);
  await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'live');
  await expect(page.locator('.map-loading')).toHaveCount(0);
  await expect(page.getByTestId('camera-tile')).toHaveAttribute('data-status', 'playing', { timeout: 45_000 });
}

test('the wall is live: map drawn, patrols moving, video playing, chart drawn', async ({ page }) => {
  const pageErrors: string[] = [];
  const foreign: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  // Offline by design: every request goes to the hall server (or stays in the page as blob:/data:).
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(demo.url) && !/^(blob|data):/.test(url)) foreign.push(url);
  });
  await openWall(page, 1920, 1080);

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

  // The video's currentTime advances.
  const video = page.locator('video');
  const t0 = await video.evaluate((v: HTMLVideoElement) => v.currentTime);
  await page.waitForTimeout(2000);
  const t1 = await video.evaluate((v: HTMLVideoElement) => v.currentTime);
  expect(t1 - t0).toBeGreaterThan(1);

  // The chart is drawn: an echarts canvas with a line and area on it.
  await expect(page.getByTestId('online-chart').locator('canvas')).toHaveCount(1);
  const chart = pixelStats(await page.getByTestId('online-chart').screenshot());
  expect(chart.colours).toBeGreaterThan(5);
  expect(chart.nonBackground).toBeGreaterThan(0.01);

  // Numbers on the tiles come from live data.
  await expect(page.getByTestId('kpi-total').locator('.kpi-value')).toHaveText('20');

  expect(await page.evaluate(() => window.cspViolations)).toEqual([]);
  expect(pageErrors).toEqual([]);
  expect(foreign).toEqual([]);
});

for (const [width, height] of [
  [1920, 1080],
  [3840, 2160],
] as const) {
  test(`screenshot at ${width}×${height}`, async ({ page }) => {
    await openWall(page, width, height);
    await page.waitForTimeout(1500); // a few live ticks and a second of video
    await mkdir('test-results/screenshots', { recursive: true });
    const shot = await page.screenshot({ path: `test-results/screenshots/wall-${width}x${height}.png` });
    const stats = pixelStats(shot);
    expect(stats.width).toBe(width);
    expect(stats.colours).toBeGreaterThan(200);
  });
}

test('inspector reports reach the wall as they are filed', async ({ page }) => {
  await openWall(page, 1920, 1080);
  await expect(page.getByTestId('report-feed').locator('li').first()).toBeVisible({ timeout: 20_000 });
});

test('a street sub-centre wall shows its street only', async ({ page }) => {
  await openWall(page, 1920, 1080, '?street=110107011000');
  await expect(page.getByTestId('scope')).toHaveText('鲁谷街道');
  const positions = await page.evaluate(() => window.gridwallDiagnostics.patrolPositions());
  for (const p of positions) expect(p.street).toBe('110107011000');
  const all = await (await fetch(`${demo.url}/api/patrols`)).json() as Positions;
  expect(positions.length).toBe(all.filter((p) => p.street === '110107011000').length);
});

test('English is available with ?lang=en', async ({ page }) => {
  await openWall(page, 1920, 1080, '?lang=en');
  await expect(page.locator('h1')).toContainText('Shijingshan');
  await expect(page.getByTestId('connection')).toHaveText(/Live/);
});
