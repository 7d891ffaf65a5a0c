import Type, { type Static } from 'typebox';

/** Coordinate systems terminals report in; stored positions are always WGS84. */
export const Crs = Type.Union([Type.Literal('wgs84'), Type.Literal('gcj02'), Type.Literal('bd09')]);
export type Crs = Static<typeof Crs>;

/** Epoch ms, or an ISO 8601 string; plausibility (future / past) is checked by ingest. */
export const Timestamp = Type.Union([Type.Number(), Type.String({ maxLength: 40 })]);

/**
 * One GPS fix as a terminal publishes it on `patrol/{unitId}/position`. Ranges are checked here;
 * swapped coordinates, positions outside the service area and implausible times are refused by ingest.
 */
export const PositionFix = Type.Object(
  {
    ts: Timestamp,
    lon: Type.Number({ minimum: -180, maximum: 180 }),
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    /** m/s; 100 m/s is beyond any patrol vehicle. */
    speed: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
    heading: Type.Optional(Type.Number({ minimum: 0, maximum: 360 })),
    /** Horizontal accuracy in metres. */
    accuracy: Type.Optional(Type.Number({ minimum: 0, maximum: 100_000 })),
    crs: Type.Optional(Crs),
  },
  { additionalProperties: false },
);
export type PositionFix = Static<typeof PositionFix>;

/** A terminal may send several buffered fixes at once (after a tunnel, a dead spot). */
export const MAX_FIXES_PER_MESSAGE = 600;
export const PositionFixes = Type.Union([PositionFix, Type.Array(PositionFix, { minItems: 1, maxItems: MAX_FIXES_PER_MESSAGE })]);
export type PositionFixes = Static<typeof PositionFixes>;
