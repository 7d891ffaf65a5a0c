import { hallDay } from '../../app/grid/coverage';
import { distanceMeters } from '../../app/geo/lnglat';
import type { TrackPage, TrackPoint } from '../../app/patrol/track';
import { MOTION_LIMITS } from './motion';

/** The most one replay loads: a day at 1 Hz is 86,400 fixes; pages of 50,000. */
export const TRACK_PAGE_POINTS = 50_000;
export const TRACK_MAX_PAGES = 6;

/** When the hall's day that `t` falls on began (its time zone, not the wall PC's). */
export function hallDayStart(t: number, timeZone: string): number {
  return hallDay(t, timeZone).start;
}

/** A day's track, page after page (`next`), oldest first; the request window is at most the 24 h the hall allows. */
export async function loadTrack(get: (path: string) => Promise<TrackPage>, unitId: string, from: number, to: number): Promise<TrackPoint[]> {
  const points: TrackPoint[] = [];
  let start = from;
  for (let page = 0; page < TRACK_MAX_PAGES; page++) {
    const res = await get(`/api/patrols/${encodeURIComponent(unitId)}/track?from=${start}&to=${to}&limit=${TRACK_PAGE_POINTS}`);
    points.push(...res.points);
    if (!res.truncated || res.next === undefined || res.next <= start) break;
    start = res.next;
  }
  return points;
}

/**
 * Whether the patrol is known to have gone straight from `a` to `b`: not across a long silence or a
 * jump (the same limits the live map glides within). Across a gap the wall draws no line and the replay
 * head waits at the last fix: it does not invent a walk.
 */
export function continuous(a: TrackPoint, b: TrackPoint): boolean {
  return b.ts - a.ts <= MOTION_LIMITS.maxGlideMs && distanceMeters([a.lon, a.lat], [b.lon, b.lat]) <= MOTION_LIMITS.maxGlideM;
}

/** A track cut into the stretches it was walked in (each at least two fixes; a lone fix between gaps is left out). */
export function stretches(points: readonly TrackPoint[]): TrackPoint[][] {
  const out: TrackPoint[][] = [];
  let cur: TrackPoint[] = [];
  for (const p of points) {
    const prev = cur.at(-1);
    if (prev && !continuous(prev, p)) {
      if (cur.length > 1) out.push(cur);
      cur = [];
    }
    cur.push(p);
  }
  if (cur.length > 1) out.push(cur);
  return out;
}

/** Where the patrol was at `t` (between two fixes: on the line between them), and the index of the fix before. */
export function positionAt(points: readonly TrackPoint[], t: number): { lon: number; lat: number; i: number } | undefined {
  if (!points.length) return undefined;
  let lo = 0;
  let hi = points.length - 1;
  const first = points[0] as TrackPoint;
  const last = points[hi] as TrackPoint;
  if (t <= first.ts) return { lon: first.lon, lat: first.lat, i: 0 };
  if (t >= last.ts) return { lon: last.lon, lat: last.lat, i: hi };
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((points[mid] as TrackPoint).ts <= t) lo = mid;
    else hi = mid;
  }
  const a = points[lo] as TrackPoint;
  const b = points[hi] as TrackPoint;
  if (!continuous(a, b)) return { lon: a.lon, lat: a.lat, i: lo };
  const f = b.ts === a.ts ? 0 : (t - a.ts) / (b.ts - a.ts);
  return { lon: a.lon + (b.lon - a.lon) * f, lat: a.lat + (b.lat - a.lat) * f, i: lo };
}

export interface ReplayClock {
  /** Replay time at `anchor` (wall clock). */
  t: number;
  anchor: number;
  playing: boolean;
  /** Replay seconds per wall second. */
  speed: number;
  end: number;
}

/** The replay's time now: it runs at `speed` from where it was anchored while playing, and stops at the end. */
export function replayTime(c: ReplayClock, wallNow: number): number {
  return c.playing ? Math.min(c.end, c.t + (wallNow - c.anchor) * c.speed) : c.t;
}
