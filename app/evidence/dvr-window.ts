/**
 * Finding a stream time in a camera's DVR window: the segments on disk, oldest first, each starting at
 * its #EXT-X-PROGRAM-DATE-TIME. Pure, over anything with a start and a duration.
 */

export interface DvrSpan {
  /** Epoch ms of the segment's first frame. */
  start: number;
  durationMs: number;
}

/** PROGRAM-DATE-TIME has ms precision: a time within half a ms before a start belongs to that segment. */
const TOLERANCE_MS = 0.5;

/** Seconds of video the clip keeps before and after the captured frame. */
export const CLIP_BEFORE_MS = 10_000;
export const CLIP_AFTER_MS = 5_000;

export interface DvrRange {
  from: number;
  to: number;
}

export type SegmentLookup<S> =
  | { ok: true; segment: S }
  /** `empty`: nothing recorded; `outside`: before or after the window; `gap`: inside it, but not recorded (the camera was down). */
  | { ok: false; reason: 'empty' | 'outside' | 'gap'; window?: DvrRange };

const end = (s: DvrSpan) => s.start + s.durationMs;

/** The time the window covers, from the oldest segment's start to the newest one's end. */
export function dvrWindow(segments: readonly DvrSpan[]): DvrRange | undefined {
  const first = segments[0];
  const last = segments.at(-1);
  return first && last ? { from: first.start, to: end(last) } : undefined;
}

/** The segment showing stream time `t`. Segments are sorted by start. */
export function segmentAt<S extends DvrSpan>(segments: readonly S[], t: number): SegmentLookup<S> {
  const window = dvrWindow(segments);
  if (!window) return { ok: false, reason: 'empty' };
  if (t < window.from - TOLERANCE_MS || t >= window.to) return { ok: false, reason: 'outside', window };
  // Binary search for the last segment starting at or before t.
  let lo = 0;
  let hi = segments.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((segments[mid] as S).start <= t + TOLERANCE_MS) lo = mid;
    else hi = mid - 1;
  }
  const s = segments[lo] as S;
  return t < end(s) ? { ok: true, segment: s } : { ok: false, reason: 'gap', window };
}

/** The clip's range around a frame at `t`. */
export function clipRange(t: number): DvrRange {
  return { from: t - CLIP_BEFORE_MS, to: t + CLIP_AFTER_MS };
}

/** Segments overlapping [from, to), in order. */
export function segmentsIn<S extends DvrSpan>(segments: readonly S[], r: DvrRange): S[] {
  return segments.filter((s) => end(s) > r.from && s.start < r.to);
}

/** Whether the window has reached `to` (the segment holding it is complete on disk). */
export function reached(segments: readonly DvrSpan[], to: number): boolean {
  const w = dvrWindow(segments);
  return w !== undefined && w.to >= to;
}
