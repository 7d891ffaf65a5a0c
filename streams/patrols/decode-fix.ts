import { Compile } from 'typebox/compile';
import { PositionFix } from '../../app/patrol/position-fix';
import { checkTime, toWgs84InArea, type IntakePolicy } from '../ingest/intake-policy';
import type { RejectReason } from '../ingest/reject-reason';
import type { AcceptedFix } from './patrol-registry';

const checkFix = Compile(PositionFix);

export type DecodeResult = { ok: true; fix: AcceptedFix } | { ok: false; reason: RejectReason };

/** A latitude beyond ±90 with a longitude that would be a valid latitude: the pair is swapped. */
function looksSwapped(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const { lon, lat } = value as { lon?: unknown; lat?: unknown };
  return typeof lon === 'number' && typeof lat === 'number' && Math.abs(lat) > 90 && Math.abs(lat) <= 180 && Math.abs(lon) <= 90;
}

/** Validates one decoded JSON value as a fix from `unitId`. Pure: `now` is the server clock. */
export function decodeFix(value: unknown, unitId: string, now: number, policy: IntakePolicy): DecodeResult {
  if (looksSwapped(value)) return { ok: false, reason: 'coords-swapped' };
  if (!checkFix.Check(value)) return { ok: false, reason: 'bad-schema' };
  const time = checkTime(value.ts, now, policy);
  if (!time.ok) return time;
  const at = toWgs84InArea(value.lon, value.lat, value.crs, policy);
  if (!at.ok) return at;
  const fix: AcceptedFix = { unitId, lon: at.lon, lat: at.lat, ts: time.ms };
  if (value.speed !== undefined) fix.speed = value.speed;
  if (value.heading !== undefined) fix.heading = value.heading;
  if (value.accuracy !== undefined) fix.accuracy = value.accuracy;
  return { ok: true, fix };
}

/** Decodes an already-parsed body: one fix or an array of at most `maxFixes`. */
export function decodeFixes(value: unknown, unitId: string, now: number, policy: IntakePolicy, maxFixes: number): DecodeResult[] {
  if (!Array.isArray(value)) return [decodeFix(value, unitId, now, policy)];
  if (value.length === 0) return [{ ok: false, reason: 'bad-schema' }];
  if (value.length > maxFixes) return [{ ok: false, reason: 'too-many-fixes' }];
  return value.map((item) => decodeFix(item, unitId, now, policy));
}
