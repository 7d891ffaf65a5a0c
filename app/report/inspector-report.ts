import Type, { type Static } from 'typebox';
import { Crs, Timestamp } from '../patrol/position-fix';
import { UnitId } from '../patrol/patrol';
import { CommunityCode, GridCodeText, StreetCode } from '../place/place-codes';

/** An inspector's report (监督员上报) as a terminal publishes it on `report`: the start of a case. */
export const InspectorReport = Type.Object(
  {
    id: Type.String({ pattern: '^[A-Za-z0-9_.:-]{1,64}$' }),
    ts: Timestamp,
    lon: Type.Number({ minimum: -180, maximum: 180 }),
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    /** Component/event small-class code, e.g. 0102 (暴露垃圾); the catalogue is data, not code. */
    category: Type.String({ pattern: '^[A-Za-z0-9_.-]{1,32}$' }),
    description: Type.String({ maxLength: 4000 }),
    photos: Type.Optional(Type.Array(Type.String({ maxLength: 2048, pattern: '^(https?://|/)' }), { maxItems: 9 })),
    unitId: Type.Optional(UnitId),
    crs: Type.Optional(Crs),
  },
  { additionalProperties: false },
);
export type InspectorReport = Static<typeof InspectorReport>;

/** A report as stored and fanned out: WGS84, epoch ms, located in its street, community and grid. */
export const ReportState = Type.Object({
  id: Type.String({ pattern: '^[A-Za-z0-9_.:-]{1,64}$' }),
  ts: Type.Number({ minimum: 0 }),
  receivedAt: Type.Number({ minimum: 0 }),
  lon: Type.Number({ minimum: -180, maximum: 180 }),
  lat: Type.Number({ minimum: -90, maximum: 90 }),
  category: Type.String({ maxLength: 32 }),
  description: Type.String({ maxLength: 4000 }),
  photos: Type.Array(Type.String({ maxLength: 2048 }), { maxItems: 9 }),
  unitId: Type.Optional(UnitId),
  street: Type.Optional(StreetCode),
  community: Type.Optional(CommunityCode),
  grid: Type.Optional(GridCodeText),
});
export type ReportState = Static<typeof ReportState>;
