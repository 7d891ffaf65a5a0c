import { toWgs84 } from '../../app/geo/crs';
import type { BBox } from '../../app/geo/lnglat';
import type { Crs } from '../../app/patrol/position-fix';
import type { RejectReason } from './reject-reason';

/** What terminal input must satisfy, whatever it is (a fix, a report, a camera status). */
export interface IntakePolicy {
  /** Times further ahead of the server clock than this are refused (terminal clock wrong). */
  maxFutureMs: number;
  /** Times older than this are refused (a terminal replaying a stale buffer). */
  maxAgeMs: number;
  /** Where positions may come from, WGS84: the district plus a margin. */
  area: BBox;
  /** What terminals report in when they do not say (many Chinese handset SDKs report GCJ-02). */
  defaultCrs: Crs;
}

/** Epoch ms within Date's range (±8.64e15); anything else is not a time. */
export const MAX_EPOCH_MS = 8_640_000_000_000_000;

const inside = (a: BBox, lon: number, lat: number) => lon >= a[0] && lon <= a[2] && lat >= a[1] && lat <= a[3];

/** Epoch ms from epoch ms (number or digits) or ISO 8601; undefined unless a real, positive time. */
export function parseTimestamp(ts: number | string): number | undefined {
  const ms = typeof ts === 'number' ? ts : /^\d{1,16}$/.test(ts) ? Number(ts) : Date.parse(ts);
  return Number.isFinite(ms) && ms > 0 && ms <= MAX_EPOCH_MS ? ms : undefined;
}

export function checkTime(ts: number | string, now: number, p: Pick<IntakePolicy, 'maxFutureMs' | 'maxAgeMs'>): { ok: true; ms: number } | { ok: false; reason: RejectReason } {
  const ms = parseTimestamp(ts);
  if (ms === undefined) return { ok: false, reason: 'bad-ts' };
  if (ms > now + p.maxFutureMs) return { ok: false, reason: 'ts-future' };
  if (ms < now - p.maxAgeMs) return { ok: false, reason: 'ts-too-old' };
  return { ok: true, ms };
}

export type InArea = { ok: true; lon: number; lat: number } | { ok: false; reason: RejectReason };

/** Converts to WGS84 (once, here at the edge) and checks the position is in the service area; spots swapped lon/lat. */
export function toWgs84InArea(lon: number, lat: number, crs: Crs | undefined, p: IntakePolicy): InArea {
  const [x, y] = toWgs84(lon, lat, crs ?? p.defaultCrs);
  if (inside(p.area, x, y)) return { ok: true, lon: x, lat: y };
  if (Math.abs(lon) <= 90) {
    const [sx, sy] = toWgs84(lat, lon, crs ?? p.defaultCrs);
    if (inside(p.area, sx, sy)) return { ok: false, reason: 'coords-swapped' };
  }
  return { ok: false, reason: 'out-of-area' };
}

/** Whether a WGS84 position (say, from another hall server) lies in the service area. */
export function inServiceArea(lon: number, lat: number, p: IntakePolicy): boolean {
  return inside(p.area, lon, lat);
}
