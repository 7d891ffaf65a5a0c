/** How far apart tiles start their streams: 25 tiles take ~4 s instead of asking for 25 playlists at once. */
export const START_GAP_MS = 150;

export interface Timers {
  now(): number;
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const browserTimers: Timers = {
  now: () => performance.now(),
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/**
 * Staggered starts for the tiles of one window: each start gets the next free slot, `gap` after the one
 * before; a slot in the past is taken at once. A cancelled start keeps its slot (the queue never rewinds).
 */
export class StartQueue {
  private nextSlot = -Infinity;

  constructor(
    private readonly gap = START_GAP_MS,
    private readonly timers: Timers = browserTimers,
  ) {}

  /** Runs `fn` at its turn; returns a cancel. */
  schedule(fn: () => void): () => void {
    const now = this.timers.now();
    const at = Math.max(now, this.nextSlot);
    this.nextSlot = at + this.gap;
    const handle = this.timers.set(fn, at - now);
    return () => this.timers.clear(handle);
  }
}

/** The window's one queue. */
export const tileStarts = new StartQueue();
