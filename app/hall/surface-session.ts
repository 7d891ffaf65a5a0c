import Type, { type Static } from 'typebox';
import { ROLES, type Role } from '../auth/roles';
import { LiveScope } from '../live/scope';

/**
 * `GET /api/session`: what a surface learns about itself from its token — its role and audience, the
 * part of the city it may see, and the settings it needs to age live data on its own clock when the
 * hall cannot be reached (a wall that lost its link must not keep showing patrols as online).
 */
export const SurfaceSession = Type.Object({
  role: Type.Unsafe<Role>(Type.String({ enum: [...ROLES] })),
  audience: Type.Union([Type.Literal('full'), Type.Literal('exhibit')]),
  /** Absent: the whole city. */
  scope: Type.Optional(LiveScope),
  name: Type.Optional(Type.String()),
  silence: Type.Object({ staleAfterMs: Type.Number(), offlineAfterMs: Type.Number() }),
  protocol: Type.Integer(),
  serverTime: Type.Number(),
});
export type SurfaceSession = Static<typeof SurfaceSession>;
