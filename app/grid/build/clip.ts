import polygonClipping from 'polygon-clipping';
import type { MultiPolygon, Polygon } from './planar';

type Geom = Polygon | MultiPolygon;

/**
 * polygon-clipping with more tries. Its sweep can fail on nearly coincident edges ("Unable to complete
 * output ring"), which clipping cells against each other's cuts produces now and then. Snapping every
 * coordinate to the micrometre (then, failing that, the millimetre) settles those near-coincidences and
 * changes nothing that matters: lattice lines (whole metres) stay exact, areas move by far less than 1 m².
 */
function retry(op: (first: Geom, ...rest: Geom[]) => MultiPolygon, geoms: Geom[]): MultiPolygon {
  try {
    return op(geoms[0]!, ...geoms.slice(1));
  } catch {
    try {
      const snapped = geoms.map((g) => snap(g, 1e6));
      return op(snapped[0]!, ...snapped.slice(1));
    } catch {
      const snapped = geoms.map((g) => snap(g, 1e3));
      return op(snapped[0]!, ...snapped.slice(1));
    }
  }
}

function snap(g: Geom, per: number): Geom {
  const ring = (r: Array<[number, number]>) => r.map(([x, y]) => [Math.round(x * per) / per, Math.round(y * per) / per] as [number, number]);
  const first = g[0]?.[0];
  // A Polygon's first element is a ring (of pairs); a MultiPolygon's, a polygon (of rings).
  if (first !== undefined && typeof first[0] === 'number') return (g as Array<Array<[number, number]>>).map(ring);
  return (g as Array<Array<Array<[number, number]>>>).map((p) => p.map(ring));
}

export const intersection = (...geoms: Geom[]): MultiPolygon => retry(polygonClipping.intersection, geoms);
export const difference = (...geoms: Geom[]): MultiPolygon => retry(polygonClipping.difference, geoms);
export const union = (...geoms: Geom[]): MultiPolygon => retry(polygonClipping.union, geoms);
