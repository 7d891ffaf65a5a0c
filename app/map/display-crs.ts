import { fromWgs84 } from '../geo/crs';
import type { BBox } from '../geo/lnglat';

/** The CRS the map's tiles are drawn in. GridWall's data is WGS84; it is drawn in the tiles' CRS. */
export type MapCrs = 'wgs84' | 'gcj02';

/** WGS84 → the map's display coordinates. */
export type ToMap = (lon: number, lat: number) => [number, number];

export const WGS84_DISPLAY: ToMap = (lon, lat) => [lon, lat];

const GCJ02_DISPLAY: ToMap = (lon, lat) => {
  const [x, y] = fromWgs84(lon, lat, 'gcj02');
  return [x, y];
};

/**
 * How to draw WGS84 data on a map whose base tiles are in `crs`: unchanged, or shifted to GCJ-02 (Amap
 * and Tencent tiles sit ~500 m off WGS84 in Beijing; drawn as is, every patrol would stand in the wrong street).
 */
export function displayTransform(crs: MapCrs | undefined): ToMap {
  return crs === 'gcj02' ? GCJ02_DISPLAY : WGS84_DISPLAY;
}

export const isIdentity = (f: ToMap): boolean => f === WGS84_DISPLAY;

/** GeoJSON coordinates (a position, or arrays of them nested to any depth) through `f`; a new structure. */
export function mapCoordinates(coords: unknown, f: ToMap): unknown {
  if (!Array.isArray(coords)) return coords;
  if (typeof coords[0] === 'number') {
    const [x, y] = f(coords[0], coords[1] as number);
    return coords.length > 2 ? [x, y, ...coords.slice(2)] : [x, y];
  }
  return coords.map((c) => mapCoordinates(c, f));
}

/** A geometry with its coordinates through `f` (the same object when `f` is the identity). */
export function mapGeometry<G extends { type: string; coordinates: unknown }>(g: G, f: ToMap): G {
  return isIdentity(f) ? g : { ...g, coordinates: mapCoordinates(g.coordinates, f) };
}

/** A feature collection's geometries through `f` (the same object when `f` is the identity). */
export function mapFeatures<F extends { geometry: { type: string; coordinates: unknown } }, C extends { features: F[] }>(fc: C, f: ToMap): C {
  return isIdentity(f) ? fc : { ...fc, features: fc.features.map((x) => ({ ...x, geometry: mapGeometry(x.geometry, f) })) };
}

/** Interleaved [lon, lat, lon, lat, …] through `f`, as a Float64Array (what deck.gl takes as binary positions). */
export function mapInterleaved(coords: ArrayLike<number>, f: ToMap): Float64Array {
  const out = new Float64Array(coords.length - (coords.length % 2));
  const same = isIdentity(f);
  for (let i = 0; i + 1 < coords.length; i += 2) {
    const lon = coords[i] as number;
    const lat = coords[i + 1] as number;
    if (same) {
      out[i] = lon;
      out[i + 1] = lat;
    } else {
      const [x, y] = f(lon, lat);
      out[i] = x;
      out[i + 1] = y;
    }
  }
  return out;
}

/** A bounding box through `f`: the box around its four transformed corners. */
export function mapBBox(b: BBox, f: ToMap): BBox {
  if (isIdentity(f)) return b;
  const corners = [f(b[0], b[1]), f(b[2], b[1]), f(b[0], b[3]), f(b[2], b[3])];
  const xs = corners.map((c) => c[0]);
  const ys = corners.map((c) => c[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/** The box around a geometry's positions (any nesting), or undefined for an empty one. */
export function bboxOf(coords: unknown): BBox | undefined {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  const visit = (c: unknown): void => {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === 'number' && typeof c[1] === 'number') {
      w = Math.min(w, c[0]);
      e = Math.max(e, c[0]);
      s = Math.min(s, c[1]);
      n = Math.max(n, c[1]);
      return;
    }
    for (const x of c) visit(x);
  };
  visit(coords);
  return Number.isFinite(w) ? [w, s, e, n] : undefined;
}
