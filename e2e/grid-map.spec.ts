import { mkdir } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { startDemoServer, type DemoServer } from './demo-server';
import { pixelStats } from './pixels';

// The grid map of the demo city: Shijingshan's 9,309 unit grids, focus, codes at close zoom, replay, coverage.
let demo: DemoServer;
let someGrid = '';
test.beforeAll(async () => {
  demo = await startDemoServer({ args: ['--cameras', '0', '--reports-per-hour', '600'] });
  const grids = (await (await fetch(`${demo.url}/api/grids?street=110107011000`, { headers: { authorization: `Bearer ${demo.token}` } })).json()) as {
    features: Array<{ properties: { code: string } }>;
  };
  someGrid = grids.features[Math.floor(grids.features.length / 2)]?.properties.code ?? '';
});
test.afterAll(async () => {
  await demo?.stop();
});

async function openWall(page: Page, width: number, height: number, query = ''): Promise<void> {
  await page.setViewportSize({ width, height });
  await page.goto(`${demo.url}/${query}#token=${demo.token}`);
  await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'live');
  await expect(page.locator('.map-loading')).toHaveCount(0, { timeout: 60_000 });
}

test('the hall serves the demo city’s grids, and locates a point in one', async () => {
  expect(someGrid).toMatch(/^110107011\d{6}$/);
  const res = (await (await fetch(`${demo.url}/api/locate?lon=116.2193&lat=39.8975`, { headers: { authorization: `Bearer ${demo.token}` } })).json()) as { place: { grid?: string; street?: string } };
  expect(res.place.street).toBe('110107011000');
  expect(res.place.grid).toMatch(/^110107011\d{6}$/);
});

test('focusing a grid flies there, shows its code, and says how long', async ({ page }) => {
  await openWall(page, 1920, 1080, `?grid=${someGrid}`);
  await expect(page.getByTestId('focus-banner')).toContainText(someGrid, { timeout: 30_000 });
  await page.waitForTimeout(2000);
  await mkdir('test-results/screenshots', { recursive: true });
  const shot = await page.screenshot({ path: 'test-results/screenshots/grid-focus-1920x1080.png' });
  expect(pixelStats(shot).colours).toBeGreaterThan(100);
});

test('an operator’s focus reaches every window of the wall', async ({ page }) => {
  await openWall(page, 1920, 1080);
  const { readFile } = await import('node:fs/promises');
  const tokens = JSON.parse(await readFile(`${demo.dataDir}/tokens.json`, 'utf8')) as Array<{ role: string; token: string }>;
  const operator = tokens.find((t) => t.role === 'operator')?.token ?? '';
  const res = await fetch(`${demo.url}/api/grids/focus`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${operator}` },
    body: JSON.stringify({ grid: someGrid, dwellS: 20 }),
  });
  expect(res.status).toBe(200);
  await expect(page.getByTestId('focus-banner')).toContainText(someGrid, { timeout: 20_000 });
});

test('the wide wall shows the grid legend and today’s coverage by responsibility grid', async ({ page }) => {
  await openWall(page, 7680, 2160);
  await expect(page.getByTestId('metric-scale').first()).toBeVisible();
  await expect(page.getByTestId('coverage')).toContainText(/鲁谷|八宝山|古城/, { timeout: 60_000 });
  await page.waitForTimeout(2000);
  const shot = await page.screenshot({ path: 'test-results/screenshots/grid-wide-7680x2160.png' });
  expect(pixelStats(shot).colours).toBeGreaterThan(200);
});

test('a day’s replay of one patrol plays on the map', async ({ page }) => {
  await page.waitForTimeout(3000); // a few seconds of track
  await openWall(page, 1920, 1080, '?replay=110107-p001');
  await expect(page.getByTestId('replay')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('replay')).toContainText('110107-p001');
});
