import { expect, test, type Page } from '@playwright/test';
import { startDemoServer, type DemoServer } from './demo-server';
import { countFrames, framesPerSecond } from './frame-count';

// A wall draws frames when something changes, at a capped rate while patrols glide, and none when still.
let demo: DemoServer | undefined;
test.afterEach(async () => {
  await demo?.stop();
  demo = undefined;
});

async function open(page: Page, d: DemoServer): Promise<void> {
  await countFrames(page);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(`${d.url}/#token=${d.token}`);
  await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'live');
  await expect(page.locator('.map-loading')).toHaveCount(0, { timeout: 60_000 });
  await page.waitForTimeout(3000); // the first paints and the first samples settle
}

test('a still wall draws (almost) no frames', async ({ page }) => {
  demo = await startDemoServer({ args: ['--patrols', '0', '--cameras', '0'] });
  await open(page, demo);
  // Only the trend chart's sample every 2 s may draw (a couple of frames each): nothing loops.
  expect(await framesPerSecond(page, 6000)).toBeLessThan(3);
});

test('moving patrols glide at a capped frame rate, never a 60 fps loop', async ({ page }) => {
  demo = await startDemoServer({ args: ['--cameras', '0'] });
  await open(page, demo);
  // Interpolation is capped at 15 fps (renderer/map/frame-pacer.ts), plus the chart's samples.
  expect(await framesPerSecond(page, 5000)).toBeLessThan(20);
});
