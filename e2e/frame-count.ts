import type { Page } from '@playwright/test';

/** Counts every animation frame the page asks for, from before any script loads (engines keep a reference). */
export async function countFrames(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const original = window.requestAnimationFrame.bind(window);
    const w = window as unknown as { __frames: number };
    w.__frames = 0;
    window.requestAnimationFrame = (cb) => {
      w.__frames++;
      return original(cb);
    };
  });
}

/** Animation frames asked for per second over `ms`. */
export async function framesPerSecond(page: Page, ms: number): Promise<number> {
  const read = () => page.evaluate(() => (window as unknown as { __frames: number }).__frames);
  const before = await read();
  await page.waitForTimeout(ms);
  return ((await read()) - before) / (ms / 1000);
}
