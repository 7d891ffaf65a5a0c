import { Compile } from 'typebox/compile';
import { toWgs84 } from '../../app/geo/crs';
import type { BBox } from '../../app/geo/lnglat';
import { PositionFix, type Crs } from '../../app/patrol/position-fix';
import type { AcceptedFix } from '../patrol/patrol-registry';

const checkFix = Compile(PositionFix);

/** Why input was refused; each reason is a counter in /metrics. */
export type RejectReason =
  | 'too-large'
  | 'bad-json'
  | 'bad-schema'
  | 'too-many-fixes'
  | 'bad-ts'
  | 'ts-future'
  | 'ts-too-old'
  | 'coords-swapped'
  | 'out-of-area'
  | 'rate-limited'
  | 'unknown-topic'
  | 'unknown-camera';

export interface FixPolicy {
  /** Fixes stamped further ahead of the server clock than this are refused (terminal clock wrong). */
  maxFutureMs: number;
  /** Fixes older than this are refused (a terminal replaying a stale buffer). */
  maxAgeMs: number;
  /** Where fixes may come from, WGS84: the district plus a margin. */
  area: BBox;
  /** What terminals report in when they do not say (many Chinese handset SDKs report GCJ-02). */
  defaultCrs: Crs;
}

export type Located = { ok: true; lon: number; lat: number } | { ok: false; reason: RejectReason };
export type DecodeResult = { ok: true; fix: AcceptedFix } | { ok: false; reason: RejectReason };

const inside = (a: BBox, lon: number, lat: number) => lon >= a[0] && lon <= a[2] && lat >= a[1] && lat <= a[3];

export function parseTimestamp(ts: number | string): number | undefined {
  const ms = typeof ts === 'number' ? ts : /^\d+$/.test(ts) ? Number(ts) : Date.parse(ts);
  return Number.isFinite(ms) && ms > 0 ? ms : undefined;
}

export function checkTime(ts: number | string, now: number, p: Pick<FixPolicy, 'maxFutureMs' | 'maxAgeMs'>): { ok: true; ms: number } | { ok: false; reason: RejectReason } {
  const ms = parseTimestamp(ts);
  if (ms === undefined) return { ok: false, reason: 'bad-ts' };
  if (ms > now + p.maxFutureMs) return { ok: false, reason: 'ts-future' };
  if (ms < now - p.maxAgeMs) return { ok: false, reason: 'ts-too-old' };
  return { ok: true, ms };
}

/** Converts to WGS84 (once) and checks the position is in the service area; spots swapped lon/lat. */
export function locate(lon: number, lat: number, crs: Crs | undefined, p: FixPolicy): Located {
  const [x, y] = toWgs84(lon, lat, crs ?? p.defaultCrs);
  if (inside(p.area, x, y)) return { ok: true, lon: x, lat: y };
  if (Math.abs(lon) <= 90) {
    const [sx, sy] = toWgs84(lat, lon, crs ?? p.defaultCrs);
    if (inside(p.area, sx, sy)) return { ok: false, reason: 'coords-swapped' };
  }
  return { ok: false, reason: 'out-of-area' };
}

/** A latitude beyond ±90 with a longitude that would be a valid latitude: the pair is swapped. */
function looksSwapped(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const { lon, lat } = value as { lon?: unknown; lat?: unknown };
  return typeof lon === 'number' && typeof lat === 'number' && Math.abs(lat) > 90 && Math.abs(lat) <= 180 && Math.abs(lon) <= 90;
}

/** Validates one decoded JSON value as a fix from `unitId`. Pure: `now` is the server clock. */
export function decodeFix(value: unknown, unitId: string, now: number, policy: FixPolicy): DecodeResult {
  if (looksSwapped(value)) return { ok: false, reason: 'coords-swapped' };
  if (!checkFix.Check(value)) return { ok: false, reason: 'bad-schema' };
  const time = checkTime(value.ts, now, policy);
  if (!time.ok) return time;
  const at = locate(value.lon, value.lat, value.crs, policy);
  if (!at.ok) return at;
  const fix: AcceptedFix = { unitId, lon: at.lon, lat: at.lat, ts: time.ms };
  if (value.speed !== undefined) fix.speed = value.speed;
  if (value.heading !== undefined) fix.heading = value.heading;
  if (value.accuracy !== undefined) fix.accuracy = value.accuracy;
  return { ok: true, fix };
}

/** Decodes an already-parsed body: one fix or an array of at most `maxFixes`. */
export function decodeFixes(value: unknown, unitId: string, now: number, policy: FixPolicy, maxFixes: number): DecodeResult[] {
  if (!Array.isArray(value)) return [decodeFix(value, unitId, now, policy)];
  if (value.length === 0) return [{ ok: false, reason: 'bad-schema' }];
  if (value.length > maxFixes) return [{ ok: false, reason: 'too-many-fixes' }];
  return value.map((item) => decodeFix(item, unitId, now, policy));
}

/** Parses JSON without throwing. NaN and Infinity are not JSON; 1e400 parses to Infinity and fails the schema. */
export function parseJson(payload: Buffer | string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(typeof payload === 'string' ? payload : payload.toString('utf8')) };
  } catch {
    return { ok: false };
  }
}
