/** The most frames a second the map draws for things in motion: smooth enough from 5 m, a quarter of a GPU's 60. */
export const MAP_MAX_FPS = 15;

export interface PacerClock {
  now(): number;
  requestFrame(cb: () => void): number;
  cancelFrame(id: number): void;
  setTimer(cb: () => void, ms: number): number;
  clearTimer(id: number): void;
}

const browserClock: PacerClock = {
  now: () => performance.now(),
  requestFrame: (cb) => requestAnimationFrame(() => cb()),
  cancelFrame: (id) => cancelAnimationFrame(id),
  setTimer: (cb, ms) => window.setTimeout(cb, ms),
  clearTimer: (id) => window.clearTimeout(id),
};

/**
 * When the map draws. A change asks for a frame (`request`); a draw that leaves something in motion
 * (`animating`) books the next one, no sooner than 1/fps after the last. Nothing changing, nothing
 * moving: no frames, no timers. Paced frames run from a timer, not from requestAnimationFrame: the map's
 * own repaint is the one animation frame they cost.
 */
export class FramePacer {
  private frame = 0;
  private timer = 0;
  private last = -Infinity;
  private stopped = false;

  constructor(
    private readonly draw: () => void,
    private readonly animating: () => boolean,
    private readonly fps = MAP_MAX_FPS,
    private readonly clock: PacerClock = browserClock,
  ) {}

  /** Something changed: draw on the next frame, or when the frame budget allows. */
  request(): void {
    if (this.stopped || this.frame || this.timer) return;
    const wait = this.last + 1000 / this.fps - this.clock.now();
    if (wait > 0) this.timer = this.clock.setTimer(() => this.run('timer'), wait);
    else this.frame = this.clock.requestFrame(() => this.run('frame'));
  }

  /** Whether a frame is booked (tests, diagnostics). */
  get pending(): boolean {
    return Boolean(this.frame || this.timer);
  }

  stop(): void {
    this.stopped = true;
    if (this.frame) this.clock.cancelFrame(this.frame);
    if (this.timer) this.clock.clearTimer(this.timer);
    this.frame = this.timer = 0;
  }

  private run(from: 'frame' | 'timer'): void {
    if (from === 'frame') this.frame = 0;
    else this.timer = 0;
    if (this.stopped) return;
    this.last = this.clock.now();
    this.draw();
    if (this.animating() && !this.frame && !this.timer) {
      this.timer = this.clock.setTimer(() => this.run('timer'), 1000 / this.fps);
    }
  }
}
