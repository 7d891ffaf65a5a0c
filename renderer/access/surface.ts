import { DEFAULT_SILENCE, type SilenceThresholds } from '../../app/patrol/patrol';
import type { SurfaceSession } from '../../app/hall/surface-session';

/**
 * What this surface learnt about itself from the hall at start (`GET /api/session`): its role and the
 * silence thresholds it ages live data by when the link is down. Set once by `main.tsx`.
 */
let session: SurfaceSession | undefined;
let authorization = '';

export function setSurface(s: SurfaceSession, bearer: string): void {
  session = s;
  authorization = bearer;
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
