import { expect, test } from '@playwright/test';
import { startDemoServer, type DemoServer } from './demo-server';

// A machine without ffmpeg: the demo still starts, says how to get ffmpeg, and the tile shows "no signal".
let demo: DemoServer;
test.beforeAll(async () => {
  demo = await startDemoServer({ env: { FFMPEG_PATH: '/nonexistent/ffmpeg' } });
});
test.afterAll(async () => {
  await demo?.stop();
});

test('without ffmpeg the camera tile shows no signal and the log says why', async ({ page }) => {
  expect(demo.output()).toContain('FFMPEG_PATH="/nonexistent/ffmpeg" is not an executable file');
  expect(demo.output()).toContain('apt-get install ffmpeg');
  await page.goto(`${demo.url}/#token=${demo.token}`);
  await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'live');
  const tile = page.getByTestId('camera-tile');
  await expect(tile).toHaveAttribute('data-status', 'no-signal');
  await expect(tile).toContainText('无信号');
  await expect(tile).toContainText('视频网关未找到 ffmpeg');
  // The rest of the wall is unaffected.
  await expect(page.getByTestId('kpi-total').locator('.kpi-value')).toHaveText('20');
});
