import Type, { type Static } from 'typebox';
import { MAX_URL_LENGTH } from './source-policy';

/** The most cameras one hall registers (the wall shows at most 25 at once; a district has hundreds). */
export const MAX_CAMERAS = 2000;
export const MAX_GROUPS = 32;
export const MAX_MASKS = 16;
export const MAX_MASK_POINTS = 64;

/** Printable text: no control characters or bidi overrides, and not only white space. */
const PRINTABLE = '^(?=.*\\S)[^\\u0000-\\u001f\\u007f-\\u009f\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069]*$';

/**
 * A registered camera's id: as CameraId, at most 60 characters and not ending in `.sub` (the gateway
 * serves a pulled sub-stream as `<id>.sub`).
 */
export const CameraSpecId = Type.String({ pattern: '^(?![A-Za-z0-9_.-]*\\.sub$)[A-Za-z0-9_.-]{1,60}$' });

/** A stream of the camera: an RTSP URL, an HLS or other http(s) URL, or `file:<name>` in the media dir. */
export const CameraStream = Type.Object({ url: Type.String({ minLength: 1, maxLength: MAX_URL_LENGTH }) }, { additionalProperties: false });

/** A point of the picture, as fractions of its width and height (0,0 top left). */
export const FramePoint = Type.Tuple([Type.Number({ minimum: 0, maximum: 1 }), Type.Number({ minimum: 0, maximum: 1 })]);

/** A privacy mask (a window, a doorway): blanked before the picture is shown or stored. */
export const MaskPolygon = Type.Array(FramePoint, { minItems: 3, maxItems: MAX_MASK_POINTS });
export type MaskPolygon = Static<typeof MaskPolygon>;

/** A camera as registered (`POST /api/cameras`, `gridwall cameras import`). */
export const CameraSpec = Type.Object(
  {
    id: CameraSpecId,
    name: Type.String({ minLength: 1, maxLength: 80, pattern: PRINTABLE }),
    lon: Type.Number({ minimum: -180, maximum: 180 }),
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    /** Compass direction it looks (0 = north, clockwise) and its horizontal field of view, degrees. */
    heading: Type.Optional(Type.Number({ minimum: 0, maximum: 360 })),
    fov: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 360 })),
    /** Groups it belongs to (a street, a theme such as 夜市): tours cycle a group. */
    groups: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 40, pattern: PRINTABLE }), { maxItems: MAX_GROUPS })),
    main: CameraStream,
    /** A lower-resolution stream for small tiles. */
    sub: Type.Optional(CameraStream),
    masks: Type.Optional(Type.Array(MaskPolygon, { maxItems: MAX_MASKS })),
    /** Whether exhibit (visitor) surfaces may show it (default false). */
    exhibit: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type CameraSpec = Static<typeof CameraSpec>;
