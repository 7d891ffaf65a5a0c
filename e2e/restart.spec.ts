import { expect, test } from '@playwright/test';
import { startDemoServer, type DemoServer } from './demo-server';

// The hall server (and with it the embedded broker) goes away: the wall says so plainly, every live
// figure dims and says how old it is, patrols age into stale and offline on the wall's own clock — then
// it comes back by itself with its patrols, and nothing needs touching at the wall.
let demo: DemoServer | undefined;
test.afterAll(async () => {
  await demo?.stop();
});

// Short thresholds so the ageing shows within the test: stale after 3 s of silence, offline after 6 s.
const env = { PATROL_STALE_MS: '3000', PATROL_OFFLINE_MS: '6000' };

test('the wall never lies while the hall is gone, and comes back by itself', async ({ page }) => {
  demo = await startDemoServer({ args: ['--cameras', '0'], env });
  const port = new URL(demo.url).port;
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(`${demo.url}/#token=${demo.token}`);
  const pill = page.getByTestId('connection');
  await expect(pill).toHaveAttribute('data-state', 'live');
  await expect(page.getByTestId('kpi-online').locator('.kpi-value')).toHaveText('20');
  await expect(page.locator('.panel[data-stale="true"]')).toHaveCount(0);

  await demo.stop({ keepData: true });
  await expect(pill).toHaveAttribute('data-state', 'reconnecting', { timeout: 15_000 });
  await expect(pill).toContainText(/重连中 · 自 \d\d:\d\d:\d\d/);
  // Every live panel dims and says how old its data is.
  await expect(page.locator('.panel[data-stale="true"]')).toHaveCount(await page.locator('.panel').count());
  await expect(page.getByTestId('stale-badge').first()).toContainText(/数据停在 \d\d:\d\d:\d\d/);
  // Patrols age on the wall's own clock: nobody is shown online after the offline threshold.
  await expect(page.getByTestId('kpi-online').locator('.kpi-value')).toHaveText('0', { timeout: 15_000 });
  await expect(page.getByTestId('kpi-offline').locator('.kpi-value')).toHaveText('20');

  demo = await startDemoServer({ dataDir: demo.dataDir, env: { ...env, PORT: port }, args: ['--cameras', '0'] });
  await expect(pill).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
  await expect(page.getByTestId('kpi-online').locator('.kpi-value')).toHaveText('20', { timeout: 15_000 });
  await expect(page.locator('.panel[data-stale="true"]')).toHaveCount(0);
  const before = await page.evaluate(() => (window as unknown as { gridwallDiagnostics: { seq(): number } }).gridwallDiagnostics.seq());
  await expect.poll(() => page.evaluate(() => (window as unknown as { gridwallDiagnostics: { seq(): number } }).gridwallDiagnostics.seq())).toBeGreaterThan(before);
});
