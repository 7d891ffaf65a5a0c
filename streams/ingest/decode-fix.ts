import { Compile } from 'typebox/compile';
import { PositionFix } from '../../app/patrol/position-fix';
import type { AcceptedFix } from '../patrol/patrol-registry';

const checkFix = Compile(PositionFix);

/** Why a fix was refused; each reason is a counter in /metrics. */
export type RejectReason = 'bad-json' | 'bad-schema' | 'bad-ts' | 'ts-future' | 'ts-too-old' | 'unsupported-crs';

export interface FixPolicy {
  /** Fixes stamped further ahead of the server clock than this are refused (terminal clock wrong). */
  maxFutureMs: number;
  /** Fixes older than this are refused (a terminal replaying a stale buffer). */
  maxAgeMs: number;
}

export const DEFAULT_FIX_POLICY: FixPolicy = { maxFutureMs: 5 * 60_000, maxAgeMs: 24 * 3_600_000 };

export type DecodeResult = { ok: true; fix: AcceptedFix } | { ok: false; reason: RejectReason };

export function parseTimestamp(ts: number | string): number | undefined {
  const ms = typeof ts === 'number' ? ts : /^\d+$/.test(ts) ? Number(ts) : Date.parse(ts);
  return Number.isFinite(ms) && ms > 0 ? ms : undefined;
}

/** Validates one decoded JSON value as a fix from `unitId`. Pure: `now` is the server clock. */
export function decodeFix(value: unknown, unitId: string, now: number, policy: FixPolicy = DEFAULT_FIX_POLICY): DecodeResult {
  if (!checkFix.Check(value)) return { ok: false, reason: 'bad-schema' };
  const ts = parseTimestamp(value.ts);
  if (ts === undefined) return { ok: false, reason: 'bad-ts' };
  if (ts > now + policy.maxFutureMs) return { ok: false, reason: 'ts-future' };
  if (ts < now - policy.maxAgeMs) return { ok: false, reason: 'ts-too-old' };
  if (value.crs && value.crs !== 'wgs84') return { ok: false, reason: 'unsupported-crs' };
  const fix: AcceptedFix = { unitId, lon: value.lon, lat: value.lat, ts };
  if (value.speed !== undefined) fix.speed = value.speed;
  if (value.heading !== undefined) fix.heading = value.heading;
  return { ok: true, fix };
}

/** Parses an MQTT payload: one fix or an array of fixes. */
export function decodeFixPayload(payload: Buffer, unitId: string, now: number, policy?: FixPolicy): DecodeResult[] {
  let value: unknown;
  try {
    value = JSON.parse(payload.toString('utf8'));
  } catch {
    return [{ ok: false, reason: 'bad-json' }];
  }
  const items = Array.isArray(value) ? value : [value];
  return items.map((item) => decodeFix(item, unitId, now, policy));
}
