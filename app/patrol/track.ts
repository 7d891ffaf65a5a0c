import Type, { type Static } from 'typebox';

/** One stored fix of a patrol's track (`GET /api/patrols/{unitId}/track`), WGS84, epoch ms. */
export const TrackPoint = Type.Object({
  ts: Type.Number(),
  lon: Type.Number(),
  lat: Type.Number(),
  speed: Type.Optional(Type.Number()),
  heading: Type.Optional(Type.Number()),
});
export type TrackPoint = Static<typeof TrackPoint>;

/** One page of a track: at most a day per request; when `truncated`, ask again with `from=next`. */
export const TrackPage = Type.Object({
  unitId: Type.String(),
  from: Type.Number(),
  to: Type.Number(),
  points: Type.Array(TrackPoint),
  truncated: Type.Boolean(),
  /** When truncated: ask again with from=next for the rest. */
  next: Type.Optional(Type.Number()),
});
export type TrackPage = Static<typeof TrackPage>;
