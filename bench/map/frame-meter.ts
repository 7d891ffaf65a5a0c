import type { CDPSession, Page } from '@playwright/test';

/**
 * Counts, from before any script loads, the animation frames a page asks for and the frames that drew
 * (a requestAnimationFrame callback that issued a WebGL draw call): the same measure for maplibre's
 * render loop, deck.gl's own loop, or anything else on the page.
 */
export async function installFrameMeter(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const meter = { asked: 0, drawn: 0, draws: 0 };
    (window as unknown as { __meter: typeof meter }).__meter = meter;
    const proto = WebGL2RenderingContext.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
    for (const name of ['drawArrays', 'drawElements', 'drawArraysInstanced', 'drawElementsInstanced', 'drawRangeElements']) {
      const original = proto[name];
      if (!original) continue;
      proto[name] = function (this: unknown, ...args: unknown[]) {
        meter.draws++;
        return original.apply(this, args);
      };
    }
    const raf = window.requestAnimationFrame.bind(window);
    window.requestAnimationFrame = (cb) => {
      meter.asked++;
      return raf((t) => {
        const before = meter.draws;
        cb(t);
        if (meter.draws !== before) meter.drawn++;
      });
    };
  });
}

export interface FrameSample {
  seconds: number;
  /** Animation frames asked for, and frames that drew, per second. */
  askedPerS: number;
  drawnPerS: number;
  /** Main-thread time (all tasks, and script alone) per frame drawn, ms. */
  msPerFrame: number;
  scriptMsPerFrame: number;
  /** The share of the window the main thread was busy. */
  busy: number;
  /** Why the wall's map asked for frames in the window (its own count, by reason); absent on the bare page. */
  reasons?: Record<string, number>;
}

interface Metrics {
  metrics: Array<{ name: string; value: number }>;
}

async function snapshot(page: Page, cdp: CDPSession) {
  const m = ((await cdp.send('Performance.getMetrics')) as Metrics).metrics;
  const get = (n: string) => m.find((x) => x.name === n)?.value ?? 0;
  const meter = await page.evaluate(() => {
    const w = window as unknown as { __meter: { asked: number; drawn: number }; __gridwallFrameReasons?: Record<string, number> };
    return { ...w.__meter, reasons: w.__gridwallFrameReasons ? { ...w.__gridwallFrameReasons } : undefined };
  });
  return { t: performance.now(), task: get('TaskDuration'), script: get('ScriptDuration'), ...meter };
}

/** Frames and main-thread time over `ms` (Chromium's own accounting, via the DevTools protocol). */
export async function sampleFrames(page: Page, cdp: CDPSession, ms: number): Promise<FrameSample> {
  const a = await snapshot(page, cdp);
  await page.waitForTimeout(ms);
  const b = await snapshot(page, cdp);
  const seconds = (b.t - a.t) / 1000;
  const drawn = b.drawn - a.drawn;
  const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
  return {
    seconds: round(seconds, 1),
    askedPerS: round((b.asked - a.asked) / seconds),
    drawnPerS: round(drawn / seconds),
    msPerFrame: drawn ? round(((b.task - a.task) * 1000) / drawn) : 0,
    scriptMsPerFrame: drawn ? round(((b.script - a.script) * 1000) / drawn) : 0,
    busy: round((b.task - a.task) / seconds, 3),
    ...(b.reasons ? { reasons: since(a.reasons ?? {}, b.reasons) } : {}),
  };
}

function since(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, n] of Object.entries(b)) if (n > (a[k] ?? 0)) out[k] = n - (a[k] ?? 0);
  return out;
}

/**
 * Waits until the page has drawn nothing for `quietMs` (at most `timeoutMs`): a frame asked for before a
 * window opens can reach the screen seconds later on a software GPU, and is not the window's.
 */
export async function settle(page: Page, quietMs: number, timeoutMs: number): Promise<boolean> {
  const drawn = () => page.evaluate(() => (window as unknown as { __meter: { drawn: number } }).__meter.drawn);
  const end = Date.now() + timeoutMs;
  let last = await drawn();
  let since = Date.now();
  while (Date.now() < end) {
    await page.waitForTimeout(500);
    const now = await drawn();
    if (now !== last) [last, since] = [now, Date.now()];
    else if (Date.now() - since >= quietMs) return true;
  }
  return false;
}
