import { describe, expect, it } from 'vitest';
import { FramePacer, PRESENT_TIMEOUT_MS, type PacerClock } from './frame-pacer';

/** A clock whose frames and timers run only when the test says. */
function fakeClock() {
  let t = 0;
  let id = 0;
  const frames = new Map<number, () => void>();
  const timers = new Map<number, { at: number; cb: () => void }>();
  const clock: PacerClock = {
    now: () => t,
    requestFrame: (cb) => (frames.set(++id, cb), id),
    cancelFrame: (i) => void frames.delete(i),
    setTimer: (cb, ms) => (timers.set(++id, { at: t + ms, cb }), id),
    clearTimer: (i) => void timers.delete(i),
  };
  return {
    clock,
    frames,
    timers,
    /** Runs pending frames, then advances time through due timers. */
    advance(ms: number) {
      const runFrames = () => {
        for (const [i, cb] of [...frames]) {
          frames.delete(i);
          cb();
        }
      };
      runFrames();
      const end = t + ms;
      for (;;) {
        const due = [...timers].filter(([, x]) => x.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        t = Math.max(t, due[1].at);
        due[1].cb();
        runFrames();
      }
      t = end;
    },
  };
}

describe('the map’s frame pacing', () => {
  it('draws once per burst of changes, and nothing after', () => {
    const c = fakeClock();
    let draws = 0;
    const pacer: FramePacer = new FramePacer(() => (draws++, c.clock.setTimer(() => pacer.presented(), 5)), () => false, 15, c.clock);
    pacer.request();
    pacer.request();
    pacer.request();
    c.advance(1000);
    expect(draws).toBe(1);
    expect(pacer.pending).toBe(false);
    c.advance(10_000);
    expect(draws).toBe(1);
  });

  it('keeps drawing at the capped rate while something moves, and stops when it stops', () => {
    const c = fakeClock();
    let draws = 0;
    let movingUntil = 2000;
    const pacer: FramePacer = new FramePacer(() => (draws++, c.clock.setTimer(() => pacer.presented(), 5)), () => c.clock.now() < movingUntil, 15, c.clock);
    pacer.request();
    c.advance(2000);
    expect(draws).toBeGreaterThanOrEqual(29);
    expect(draws).toBeLessThanOrEqual(31);
    c.advance(100); // the frame booked just before it stopped finds nothing moving
    expect(pacer.pending).toBe(false);
    c.advance(5000);
    const after = draws;
    c.advance(5000);
    expect(draws).toBe(after);
    movingUntil = Infinity;
    pacer.request();
    c.advance(1000);
    expect(draws - after).toBeLessThanOrEqual(16);
    pacer.stop();
    c.advance(1000);
    expect(c.timers.size + c.frames.size).toBe(0);
  });

  it('never draws faster than the cap, however often changes arrive', () => {
    const c = fakeClock();
    let draws = 0;
    const pacer: FramePacer = new FramePacer(() => (draws++, c.clock.setTimer(() => pacer.presented(), 5)), () => false, 15, c.clock);
    for (let i = 0; i < 100; i++) {
      pacer.request();
      c.advance(10);
    }
    expect(draws).toBeLessThanOrEqual(16);
    expect(draws).toBeGreaterThanOrEqual(14);
  });

  it('lets a slow screen set the pace: no frame is prepared before the last one is shown', () => {
    const c = fakeClock();
    let draws = 0;
    const pacer: FramePacer = new FramePacer(() => (draws++, c.clock.setTimer(() => pacer.presented(), 400)), () => true, 15, c.clock);
    pacer.request();
    c.advance(2000);
    // One every 400 ms (0, 400, … 2000), not the 15 a second the cap would allow.
    expect(draws).toBeGreaterThanOrEqual(5);
    expect(draws).toBeLessThanOrEqual(6);
    pacer.stop();
  });

  it('does not wait forever for a frame that never reaches the screen', () => {
    const c = fakeClock();
    let draws = 0;
    const pacer = new FramePacer(() => draws++, () => false, 15, c.clock);
    pacer.request();
    c.advance(10);
    pacer.request(); // waits for the first frame, which never shows
    c.advance(PRESENT_TIMEOUT_MS + 100);
    expect(draws).toBe(2);
    c.advance(PRESENT_TIMEOUT_MS + 100);
    expect(pacer.pending).toBe(false);
  });
});
