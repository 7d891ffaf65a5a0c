import Type, { type Static } from 'typebox';

/** Coordinate systems terminals report in; stored positions are always WGS84. */
export const Crs = Type.Union([Type.Literal('wgs84'), Type.Literal('gcj02'), Type.Literal('bd09')]);
export type Crs = Static<typeof Crs>;

/**
 * One GPS fix as a terminal publishes it on `patrol/{unitId}/position`.
 * `ts` is epoch ms or an ISO 8601 string; ranges are checked here, plausibility (future/past) by ingest.
 */
export const PositionFix = Type.Object(
  {
    ts: Type.Union([Type.Number(), Type.String({ maxLength: 40 })]),
    lon: Type.Number({ minimum: -180, maximum: 180 }),
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    speed: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
    heading: Type.Optional(Type.Number({ minimum: 0, maximum: 360 })),
    accuracy: Type.Optional(Type.Number({ minimum: 0 })),
    crs: Type.Optional(Crs),
  },
  { additionalProperties: false },
);
export type PositionFix = Static<typeof PositionFix>;
