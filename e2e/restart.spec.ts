import { expect, test } from '@playwright/test';
import { startDemoServer, type DemoServer } from './demo-server';

// The hall server (and with it the embedded broker) restarts: the wall says so plainly, then comes back
// by itself with its patrols, and nothing needs touching at the wall.
let demo: DemoServer | undefined;
test.afterAll(async () => {
  await demo?.stop();
});

test('the wall shows the outage and comes back by itself after a server restart', async ({ page }) => {
  demo = await startDemoServer({ args: ['--cameras', '0'] });
  const port = new URL(demo.url).port;
  await page.goto(`${demo.url}/`);
  const pill = page.getByTestId('connection');
  await expect(pill).toHaveAttribute('data-state', 'live');
  await expect(page.getByTestId('kpi-total').locator('.kpi-value')).toHaveText('20');

  await demo.stop({ keepData: true });
  await expect(pill).toHaveAttribute('data-state', 'reconnecting', { timeout: 15_000 });
  await expect(pill).toContainText(/重连中 · 自 \d\d:\d\d:\d\d/);

  demo = await startDemoServer({ dataDir: demo.dataDir, env: { PORT: port }, args: ['--cameras', '0'] });
  await expect(pill).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
  await expect(page.getByTestId('kpi-total').locator('.kpi-value')).toHaveText('20');
  const before = await page.evaluate(() => (window as unknown as { gridwallDiagnostics: { seq(): number } }).gridwallDiagnostics.seq());
  await expect.poll(() => page.evaluate(() => (window as unknown as { gridwallDiagnostics: { seq(): number } }).gridwallDiagnostics.seq())).toBeGreaterThan(before);
});
