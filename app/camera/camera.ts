import Type, { type Static } from 'typebox';
import { StreetCode } from '../patrol/patrol';
import { Timestamp } from '../patrol/position-fix';

/** A CCTV camera as the wall sees it: where it plays from and whether it is up. */
export const CameraState = Type.Object({
  id: Type.String({ pattern: '^[A-Za-z0-9_.-]{1,64}$' }),
  name: Type.String({ maxLength: 80 }),
  /** HLS playlist URL, absolute or relative to the hall server. */
  hls: Type.String({ maxLength: 2048 }),
  online: Type.Boolean(),
  /** Why the camera is not playing, for the tile's "no signal" state. */
  reason: Type.Optional(Type.String({ maxLength: 200 })),
  lon: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
  lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
  street: Type.Optional(StreetCode),
});
export type CameraState = Static<typeof CameraState>;

/** A video platform's or camera's own report on `camera/{cameraId}/status`. */
export const CameraStatusMessage = Type.Object({ online: Type.Boolean(), ts: Timestamp }, { additionalProperties: false });
export type CameraStatusMessage = Static<typeof CameraStatusMessage>;
