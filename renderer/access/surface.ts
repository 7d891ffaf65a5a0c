import type { Static, TSchema } from 'typebox';
import { DEFAULT_SILENCE, type SilenceThresholds } from '../../app/patrol/patrol';
import type { SurfaceSession } from '../../app/hall/surface-session';
import type { HallApi } from './hall-api';

/**
 * What this surface learnt about itself from the hall at start (`GET /api/session`): its role and the
 * silence thresholds it ages live data by when the link is down. Set once by `main.tsx`.
 */
let session: SurfaceSession | undefined;
let authorization = '';
let api: HallApi | undefined;

export function setSurface(s: SurfaceSession, bearer: string, hallApi?: HallApi): void {
  session = s;
  authorization = bearer;
  api = hallApi;
}

/** A GET to the hall with this surface's token, the answer checked against its schema (modules' own fetches). */
export function surfaceGet<S extends TSchema>(path: string, schema: S, signal?: AbortSignal): Promise<Static<S>> {
  if (!api) return Promise.reject(new Error(`${path}: the surface has not started`));
  return api.get(path, schema, signal);
}

export function surfaceSilence(): SilenceThresholds {
  return session?.silence ?? DEFAULT_SILENCE;
}

export function surfaceRole(): SurfaceSession['role'] | undefined {
  return session?.role;
}

/** `Bearer <token>` for requests the surface makes outside the API helper (HLS segments). */
export function surfaceAuthorization(): string {
  return authorization;
}
