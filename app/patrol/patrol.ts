import Type, { type Static } from 'typebox';
import { CommunityCode, GridCodeText, StreetCode } from '../place/place-codes';

/**
 * A Patrol is one field terminal (城管通) carried by an inspector (监督员), identified by its unitId.
 * Its status follows from how long it has been silent: online → stale → offline.
 */
export const PatrolStatus = Type.Union([Type.Literal('online'), Type.Literal('stale'), Type.Literal('offline')]);
export type PatrolStatus = Static<typeof PatrolStatus>;

/** Unit ids travel in MQTT topics and URLs, so they are restricted to a safe alphabet. */
export const UnitId = Type.String({ pattern: '^[A-Za-z0-9_.-]{1,64}$' });

export const PatrolState = Type.Object({
  unitId: UnitId,
  /** WGS84 longitude / latitude of the latest accepted fix. */
  lon: Type.Number({ minimum: -180, maximum: 180 }),
  lat: Type.Number({ minimum: -90, maximum: 90 }),
  /** Epoch ms of the latest accepted fix (terminal clock). */
  ts: Type.Number({ minimum: 0 }),
  /** Epoch ms the hall received that fix (server clock): silence, and so status, is measured from here. */
  seenAt: Type.Number({ minimum: 0 }),
  speed: Type.Optional(Type.Number({ minimum: 0 })),
  heading: Type.Optional(Type.Number({ minimum: 0, maximum: 360 })),
  status: PatrolStatus,
  /** Where the patrol is: street (街道), community and unit grid; scopes sub-centre walls. */
  street: Type.Optional(StreetCode),
  community: Type.Optional(CommunityCode),
  grid: Type.Optional(GridCodeText),
});
export type PatrolState = Static<typeof PatrolState>;

export interface SilenceThresholds {
  /** Silence after which a patrol shows as stale (ms). */
  staleAfterMs: number;
  /** Silence after which a patrol shows as offline (ms). */
  offlineAfterMs: number;
}

export const DEFAULT_SILENCE: SilenceThresholds = { staleAfterMs: 30_000, offlineAfterMs: 120_000 };

export function statusAfterSilence(silenceMs: number, t: SilenceThresholds = DEFAULT_SILENCE): PatrolStatus {
  if (silenceMs >= t.offlineAfterMs) return 'offline';
  if (silenceMs >= t.staleAfterMs) return 'stale';
  return 'online';
}

export function countByStatus(patrols: Iterable<Pick<PatrolState, 'status'>>): Record<PatrolStatus, number> {
  const counts: Record<PatrolStatus, number> = { online: 0, stale: 0, offline: 0 };
  for (const p of patrols) counts[p.status]++;
  return counts;
}
