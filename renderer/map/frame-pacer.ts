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

/** A drawn frame that never reaches the screen (a hidden window, a repaint maplibre skipped) holds the next this long at most. */
export const PRESENT_TIMEOUT_MS = 5000;

/**
 * When the map draws. A change asks for a frame (`request`); a draw that leaves something in motion
 * (`animating`) books the next one, no sooner than 1/fps after the last. Nothing changing, nothing
 * moving: no frames, no timers. Paced frames run from a timer, not from requestAnimationFrame: the map's
 * own repaint is the one animation frame they cost.
 *
 * A frame is prepared only once the previous one is on the screen (`presented`, from the map's render):
 * where the GPU is slower than the cap (software WebGL, a huge wall) the screen sets the pace, and no
 * layer update is computed only to be overtaken by the next before anyone sees it.
 */
export class FramePacer {
  private frame = 0;
  private timer = 0;
  private last = -Infinity;
  private stopped = false;
  private onScreen = true;
  private guard = 0;
  /** A change or a movement waits for the frame on its way to the screen. */
  private wanted = false;

  constructor(
    private readonly draw: () => void,
    private readonly animating: () => boolean,
    private readonly fps = MAP_MAX_FPS,
    private readonly clock: PacerClock = browserClock,
  ) {}

  /** Something changed: draw on the next frame, or when the frame budget (and the screen) allows. */
  request(): void {
    if (this.stopped) return;
    if (!this.onScreen) {
      this.wanted = true;
      return;
    }
    if (this.frame || this.timer) return;
    const wait = this.last + 1000 / this.fps - this.clock.now();
    if (wait > 0) this.timer = this.clock.setTimer(() => this.run('timer'), wait);
    else this.frame = this.clock.requestFrame(() => this.run('frame'));
  }

  /** The last frame drawn is on the screen: the next may be prepared. */
  presented(): void {
    if (this.onScreen) return;
    this.onScreen = true;
    this.clock.clearTimer(this.guard);
    this.guard = 0;
    if (!this.wanted || this.stopped || this.frame || this.timer) return;
    this.wanted = false;
    this.timer = this.clock.setTimer(() => this.run('timer'), Math.max(0, this.last + 1000 / this.fps - this.clock.now()));
  }

  /** Whether a frame is booked or awaited (tests, diagnostics). */
  get pending(): boolean {
    return Boolean(this.frame || this.timer || this.wanted);
  }

  stop(): void {
    this.stopped = true;
    if (this.frame) this.clock.cancelFrame(this.frame);
    if (this.timer) this.clock.clearTimer(this.timer);
    if (this.guard) this.clock.clearTimer(this.guard);
    this.frame = this.timer = this.guard = 0;
    this.wanted = false;
  }

  private run(from: 'frame' | 'timer'): void {
    if (from === 'frame') this.frame = 0;
    else this.timer = 0;
    if (this.stopped) return;
    this.last = this.clock.now();
    this.onScreen = false;
    this.guard = this.clock.setTimer(() => this.presented(), PRESENT_TIMEOUT_MS);
    this.draw();
    if (this.animating()) this.wanted = true;
  }
}
