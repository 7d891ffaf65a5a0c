import type Flatbush from 'flatbush';
import polygonClipping, { type MultiPolygon } from 'polygon-clipping';
import polylabel from 'polylabel';
import type { PlanarGrid } from './overlaps';
import { areaOf, boxOf, sharesEdge } from './planar';
import type { Pair, Polygons } from './polygon-check';

export interface Gap {
  areaM2: number;
  /** A point well inside the gap, projected metres. */
  at: Pair;
  /** Indexes of the grids along its edge. */
  neighbours: number[];
}

/**
 * Parts of the district (its boundary, projected) that no grid covers (`covered`, the grids' union) and
 * that are larger than `minM2`, largest first, each with a point inside it and the grids around it (those
 * it shares a stretch of edge with, within `tolerance` metres; a grid touching only at a corner is not listed).
 * polygon-clipping may throw on near-degenerate input; the caller reports that.
 */
export function findGaps(boundary: Polygons, covered: Polygons, grids: readonly PlanarGrid[], index: Flatbush, minM2: number, tolerance = 0.5): Gap[] {
  // A boundary given as several features (streets, say) is merged first: parts may share edges.
  const [first, ...others] = boundary;
  const district = (first ? polygonClipping.union([first], ...others.map((p) => [p])) : []) as Polygons;
  const rest = (covered.length && district.length ? polygonClipping.difference(district, covered as MultiPolygon) : district) as Polygons;
  const gaps: Gap[] = [];
  for (const part of rest) {
    const areaM2 = areaOf([part]);
    if (areaM2 <= minM2) continue;
    const at = polylabel(part, 0.5);
    const [w, s, e, n] = boxOf([part]);
    const neighbours = index
      .search(w - tolerance, s - tolerance, e + tolerance, n + tolerance)
      .filter((i) => grids[i] !== undefined && sharesEdge([part], (grids[i] as PlanarGrid).polygons, tolerance))
      .sort((a, b) => a - b);
    gaps.push({ areaM2, at: [at[0], at[1]], neighbours });
  }
  return gaps.sort((a, b) => b.areaM2 - a.areaM2);
}
