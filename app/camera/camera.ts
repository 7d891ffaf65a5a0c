import Type, { type Static } from 'typebox';
import { Timestamp } from '../patrol/position-fix';
import { CommunityCode, GridCodeText, StreetCode } from '../place/place-codes';
import { printable } from '../text/printable';
import { MaskPolygon } from './camera-spec';

export const CameraId = Type.String({ pattern: '^[A-Za-z0-9_.-]{1,64}$' });

/** Why a camera is not playing; the tile names it in the wall's language. */
export const CameraReason = Type.Union([
  Type.Literal('ffmpeg-missing'),
  Type.Literal('starting'),
  Type.Literal('stalled'),
  Type.Literal('error'),
  Type.Literal('exited'),
  Type.Literal('reported-offline'),
]);
export type CameraReason = Static<typeof CameraReason>;

/**
 * A camera's health: the gateway's state for a pulled camera (idle: nobody watches; queued: waits for an
 * encoder slot; reconnecting: restarting after a failure); `direct` for an HLS URL the tiles play
 * straight from a video platform (the hall does not pull it; `down` when the platform reports it offline).
 */
export const CameraHealthState = Type.Union([
  Type.Literal('idle'),
  Type.Literal('queued'),
  Type.Literal('starting'),
  Type.Literal('up'),
  Type.Literal('reconnecting'),
  Type.Literal('down'),
  Type.Literal('direct'),
]);
export type CameraHealthState = Static<typeof CameraHealthState>;

/** A CCTV camera as the wall sees it: where it plays from and whether it is up. */
export const CameraState = Type.Object({
  id: CameraId,
  name: Type.String({ minLength: 1, maxLength: 80 }),
  /** HLS playlist URL, absolute or relative to the hall server. */
  hls: Type.String({ maxLength: 2048 }),
  online: Type.Boolean(),
  /** Why the camera is not playing, for the tile's "no signal" state. */
  reason: Type.Optional(CameraReason),
  /** A short technical detail for the operator (e.g. the encoder's last line), printable and capped. */
  detail: Type.Optional(Type.String({ maxLength: 200 })),
  /** Epoch ms of the status this state reflects: a late status never overwrites a newer one. */
  statusAt: Type.Number({ minimum: 0 }),
  lon: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
  lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
  /** Compass direction the camera looks (0 = north, clockwise) and its horizontal field of view, degrees. */
  heading: Type.Optional(Type.Number({ minimum: 0, maximum: 360 })),
  fov: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 360 })),
  street: Type.Optional(StreetCode),
  community: Type.Optional(CommunityCode),
  grid: Type.Optional(GridCodeText),
  /** Whether exhibit (visitor) surfaces may show this camera. */
  exhibit: Type.Optional(Type.Boolean()),
  /** Registered cameras: their groups (tours cycle a group), … */
  groups: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 32 })),
  /** … the sub-stream's HLS for small tiles, … */
  subHls: Type.Optional(Type.String({ maxLength: 2048 })),
  /** … privacy masks (tiles blank them on directly played HLS; the gateway burns them into what it pulls) … */
  masks: Type.Optional(Type.Array(MaskPolygon, { maxItems: 16 })),
  /** … and the gateway's state (`online` and `reason` say the same for older surfaces). */
  state: Type.Optional(CameraHealthState),
});
export type CameraState = Static<typeof CameraState>;

/** A technical detail as a camera state may carry it: one printable line of at most 200 characters. */
export function cameraDetail(text: string): string {
  return printable(text.trim(), 200);
}

/** A video platform's or camera's own report on `camera/{cameraId}/status`. */
export const CameraStatusMessage = Type.Object({ online: Type.Boolean(), ts: Timestamp }, { additionalProperties: false });
export type CameraStatusMessage = Static<typeof CameraStatusMessage>;
