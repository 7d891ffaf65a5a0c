import Type, { type Static } from 'typebox';

/** A street (街道/镇) or community (社区/村) centre point, from the civil-affairs code tables. */
export const Place = Type.Object({
  /** 12-digit statistical division code (统计用区划代码). */
  code: Type.String({ pattern: '^[0-9]{12}$' }),
  name: Type.String(),
  /** Display name without the administrative suffix (八宝山街道办事处 → 八宝山街道). */
  shortName: Type.String(),
  level: Type.Union([Type.Literal('street'), Type.Literal('community')]),
  /** The 12-digit code of the street (街道) this place belongs to; a street's own code for a street. */
  street: Type.String({ pattern: '^[0-9]{12}$' }),
  lon: Type.Number(),
  lat: Type.Number(),
  /** The point is derived (e.g. a street centre averaged from its communities), not published. */
  approximate: Type.Optional(Type.Boolean()),
});
export type Place = Static<typeof Place>;

export const LocalizedText = Type.Object({ zh: Type.String(), en: Type.String() });
export type LocalizedText = Static<typeof LocalizedText>;

/**
 * An optional base map the hall serves itself (nothing leaves the hall network): XYZ raster tiles, a
 * vector style, or a PMTiles archive, with the CRS its tiles are drawn in. GCJ-02 tiles (Amap, Tencent)
 * are offset from WGS84 by ~500 m in Beijing; the wall then draws its own data in GCJ-02 to match.
 */
export const BaseMap = Type.Object({
  type: Type.Union([Type.Literal('raster'), Type.Literal('vector'), Type.Literal('pmtiles')]),
  /** raster: an XYZ URL template on the hall server (`/basemap/{z}/{x}/{y}.png`); vector: a style URL; pmtiles: the archive URL. */
  url: Type.String({ maxLength: 500 }),
  crs: Type.Union([Type.Literal('wgs84'), Type.Literal('gcj02')]),
  attribution: Type.Optional(Type.String({ maxLength: 300 })),
  minzoom: Type.Optional(Type.Integer({ minimum: 0, maximum: 24 })),
  maxzoom: Type.Optional(Type.Integer({ minimum: 0, maximum: 24 })),
  tileSize: Type.Optional(Type.Integer({ minimum: 64, maximum: 1024 })),
});
export type BaseMap = Static<typeof BaseMap>;

/** The city (district) a hall supervises: its outline, places, and how the centre is named. */
export const CityInfo = Type.Object({
  /** County-level administrative code (GB/T 2260), the first six digits of every GridCode. */
  adcode: Type.String({ pattern: '^[0-9]{6}$' }),
  district: LocalizedText,
  centreName: LocalizedText,
  /** WGS84 outline: polygons of rings of [lon, lat]. */
  outline: Type.Array(Type.Array(Type.Array(Type.Array(Type.Number(), { minItems: 2, maxItems: 2 })))),
  bounds: Type.Tuple([Type.Number(), Type.Number(), Type.Number(), Type.Number()]),
  places: Type.Array(Place),
  attribution: Type.String(),
  /** The hall's IANA time zone: wall clocks show local time wherever the wall PC's clock is set. */
  timeZone: Type.String(),
  /** Whether the hall has unit grids (GET /api/grids), and whether their areas are derived (approximate). */
  grids: Type.Optional(Type.Object({ count: Type.Integer({ minimum: 0 }), approximate: Type.Boolean(), cellSize: Type.Optional(Type.Number()) })),
  basemap: Type.Optional(BaseMap),
});
export type CityInfo = Static<typeof CityInfo>;

const SUFFIXES: ReadonlyArray<readonly [string, string]> = [
  ['街道办事处', '街道'],
  ['社区居委会', '社区'],
  ['村委会', '村'],
  ['居委会', ''],
];

export function shortPlaceName(name: string): string {
  for (const [suffix, replacement] of SUFFIXES) {
    if (name.endsWith(suffix)) return name.slice(0, -suffix.length) + replacement;
  }
  return name;
}
