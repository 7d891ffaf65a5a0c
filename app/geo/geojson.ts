import Type, { type Static } from 'typebox';

/** GeoJSON geometry as GridWall exchanges it: WGS84 [lon, lat] positions (RFC 7946). */
export const Position = Type.Array(Type.Number(), { minItems: 2, maxItems: 3 });
export const PolygonGeometry = Type.Object({ type: Type.Literal('Polygon'), coordinates: Type.Array(Type.Array(Position)) });
export const MultiPolygonGeometry = Type.Object({ type: Type.Literal('MultiPolygon'), coordinates: Type.Array(Type.Array(Type.Array(Position))) });
export const AreaGeometry = Type.Union([PolygonGeometry, MultiPolygonGeometry]);
export type AreaGeometry = Static<typeof AreaGeometry>;

/** Rings of a Polygon or MultiPolygon as a list of polygons (each: outer ring, then holes). */
export function polygonsOf(g: AreaGeometry): number[][][][] {
  return g.type === 'Polygon' ? [g.coordinates as number[][][]] : (g.coordinates as number[][][][]);
}
