import Flatbush from 'flatbush';
import polygonClipping from 'polygon-clipping';
import polylabel from 'polylabel';
import { areaOf, boxOverlapArea, type Box } from './planar';
import type { Pair, Polygons } from './polygon-check';

/** A grid laid in the local metric projection. */
export interface PlanarGrid {
  polygons: Polygons;
  box: Box;
}

export interface Overlap {
  /** Indexes into the list given, a < b. */
  a: number;
  b: number;
  areaM2: number;
  /** A point inside the overlap, projected metres. */
  at: Pair;
}

/** A spatial index over grids' boxes, shared by the overlap, gap and community checks. */
export function indexGrids(grids: readonly PlanarGrid[]): Flatbush {
  const index = new Flatbush(Math.max(1, grids.length));
  for (const g of grids) index.add(g.box[0], g.box[1], g.box[2], g.box[3]);
  if (grids.length === 0) index.add(0, 0, 0, 0);
  index.finish();
  return index;
}

/**
 * Pairs of grids that overlap by more than `minM2`. Candidates are pairs whose boxes overlap by more than
 * that (an overlap can be no larger than its boxes' overlap, so grids that merely share an edge cost
 * nothing) and that `mayOverlap` does not rule out; each is intersected exactly with polygon-clipping.
 * Pairs it fails on (near-degenerate input) are returned apart, unmeasured.
 */
export function findOverlaps(
  grids: readonly PlanarGrid[],
  index: Flatbush,
  minM2: number,
  mayOverlap: (a: number, b: number) => boolean = () => true,
): { overlaps: Overlap[]; unmeasured: Array<[number, number]> } {
  const overlaps: Overlap[] = [];
  const unmeasured: Array<[number, number]> = [];
  grids.forEach((g, a) => {
    for (const b of index.search(g.box[0], g.box[1], g.box[2], g.box[3]).sort((x, y) => x - y)) {
      const h = grids[b];
      if (b <= a || !h || boxOverlapArea(g.box, h.box) <= minM2 || !mayOverlap(a, b)) continue;
      let inter: Polygons;
      try {
        inter = polygonClipping.intersection(g.polygons, h.polygons) as Polygons;
      } catch {
        unmeasured.push([a, b]);
        continue;
      }
      const areaM2 = areaOf(inter);
      if (areaM2 <= minM2) continue;
      const largest = inter.reduce((best, p) => (areaOf([p]) > areaOf([best]) ? p : best));
      const at = polylabel(largest, 0.5);
      overlaps.push({ a, b, areaM2, at: [at[0], at[1]] });
    }
  });
  return { overlaps, unmeasured };
}
