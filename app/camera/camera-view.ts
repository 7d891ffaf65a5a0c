import Type, { type Static } from 'typebox';
import { CommunityCode, GridCodeText, StreetCode } from '../place/place-codes';
import { CameraHealthState, CameraId } from './camera';
import { MaskPolygon } from './camera-spec';

/** A camera's health as `GET /api/cameras/{id}` gives it (see CameraHealthState). */
export const CameraHealth = Type.Object({
  state: CameraHealthState,
  /** Why it is not up: one printable line, credentials removed. */
  reason: Type.Optional(Type.String({ maxLength: 200 })),
  /** Epoch ms the state began. */
  since: Type.Number({ minimum: 0 }),
  /** Restarts after failures since the camera was registered (pulled cameras). */
  restarts: Type.Optional(Type.Integer({ minimum: 0 })),
  /** Epoch ms of the newest segment the gateway wrote. */
  lastSegmentAt: Type.Optional(Type.Number({ minimum: 0 })),
});
export type CameraHealth = Static<typeof CameraHealth>;

/** A stream's URL for operators, credentials redacted. */
const RedactedStream = Type.Object({ url: Type.String({ maxLength: 2048 }) });

/**
 * A camera as a surface may see it (`GET /api/cameras/{id}`): where the tiles play it from (`hls`) and its
 * health, never a source URL; operators and admins also get the source URLs, redacted.
 */
export const CameraView = Type.Object({
  id: CameraId,
  name: Type.String({ maxLength: 80 }),
  lon: Type.Optional(Type.Number()),
  lat: Type.Optional(Type.Number()),
  heading: Type.Optional(Type.Number()),
  fov: Type.Optional(Type.Number()),
  groups: Type.Array(Type.String({ maxLength: 40 })),
  street: Type.Optional(StreetCode),
  community: Type.Optional(CommunityCode),
  grid: Type.Optional(GridCodeText),
  exhibit: Type.Boolean(),
  /** The HLS playlist the tiles play: the platform's URL, or the gateway's `/video/<id>/index.m3u8`. */
  hls: Type.String({ maxLength: 2048 }),
  sub: Type.Optional(Type.Object({ hls: Type.String({ maxLength: 2048 }), url: Type.Optional(Type.String({ maxLength: 2048 })) })),
  masks: Type.Optional(Type.Array(MaskPolygon)),
  health: CameraHealth,
  /** Operators and admins only, redacted. */
  main: Type.Optional(RedactedStream),
  /** Whether the camera is held in memory only (the demo's synthetic cameras), not in the database. */
  transient: Type.Optional(Type.Boolean()),
});
export type CameraView = Static<typeof CameraView>;
