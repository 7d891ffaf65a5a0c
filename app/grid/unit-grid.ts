import Type, { type Static } from 'typebox';
import { AreaGeometry } from '../geo/geojson';
import { CommunityCode, StreetCode } from '../place/place-codes';
import { GridCode } from './grid-code';

/**
 * A unit grid (单元网格) as GridWall stores, serves and writes it (`grid build --out`, `GET /api/grids`):
 * one GeoJSON Feature per grid, WGS84, with at least its code, street, community, area and whether its
 * boundaries were derived (approximate) rather than surveyed.
 */
export const UnitGridProps = Type.Object({
  code: GridCode,
  /** 12-digit statistical code of its street (the grid code's first 9 digits, then 000). */
  street: StreetCode,
  /** 12-digit statistical code of its community (the grid code's first 12 digits). */
  community: CommunityCode,
  streetName: Type.Optional(Type.String({ maxLength: 64 })),
  communityName: Type.Optional(Type.String({ maxLength: 64 })),
  /** Area in m²: planar in a transverse Mercator centred on the district (within ~1e-5 of the ellipsoid there). */
  areaM2: Type.Number({ minimum: 0 }),
  /** Its street or community boundary was derived (from centre points), not surveyed. */
  approximate: Type.Boolean(),
  /** The responsibility grid (责任网格) it belongs to, if any. */
  responsibility: Type.Optional(Type.String({ maxLength: 64 })),
  /** Built grids: the lattice cell it was cut from (column, row from the south-west). */
  cell: Type.Optional(Type.Tuple([Type.Integer({ minimum: 0 }), Type.Integer({ minimum: 0 })])),
});
export type UnitGridProps = Static<typeof UnitGridProps>;

export const UnitGridFeature = Type.Object({
  type: Type.Literal('Feature'),
  properties: UnitGridProps,
  geometry: AreaGeometry,
});
export type UnitGridFeature = Static<typeof UnitGridFeature>;

/**
 * The lattice a built grid set was laid on, so the hall can locate a point in O(1): a local transverse
 * Mercator centred on the district (metres), the south-west corner of cell (0, 0), the cell size.
 */
export const LatticeSpec = Type.Object({
  /** proj4 definition of the local metric projection. */
  proj: Type.String({ maxLength: 300 }),
  x0: Type.Number(),
  y0: Type.Number(),
  cellSize: Type.Number({ exclusiveMinimum: 0 }),
  cols: Type.Integer({ minimum: 1 }),
  rows: Type.Integer({ minimum: 1 }),
});
export type LatticeSpec = Static<typeof LatticeSpec>;

/** A grid set: what `grid build` writes and `grid import` reads. `lattice` is present for built grids. */
export const UnitGridCollection = Type.Object({
  type: Type.Literal('FeatureCollection'),
  /** The county-level code every grid code starts with. */
  adcode: Type.Optional(Type.String({ pattern: '^[0-9]{6}$' })),
  lattice: Type.Optional(LatticeSpec),
  features: Type.Array(UnitGridFeature),
});
export type UnitGridCollection = Static<typeof UnitGridCollection>;

/**
 * A responsibility grid (责任网格): the unit grids a team of inspectors answers for. Coverage is the
 * share of its grids they passed through in a period.
 */
export const ResponsibilityGrid = Type.Object({
  id: Type.String({ pattern: '^[A-Za-z0-9_.-]{1,64}$' }),
  name: Type.String({ maxLength: 64 }),
  grids: Type.Array(GridCode, { minItems: 1 }),
  /** Patrol unit ids assigned to it. */
  inspectors: Type.Array(Type.String({ pattern: '^[A-Za-z0-9_.-]{1,64}$' })),
});
export type ResponsibilityGrid = Static<typeof ResponsibilityGrid>;
