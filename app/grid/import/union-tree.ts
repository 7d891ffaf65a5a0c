import polygonClipping, { type MultiPolygon } from 'polygon-clipping';
import type { PlanarGrid } from './overlaps';
import { areaOf } from './planar';
import type { Polygons } from './polygon-check';

const BATCH = 8;

/**
 * The union of all grids, built as a tree: grids in k-d order (so a batch is a compact patch), unioned a
 * few at a time, then the patches, and so on; ~10,000 grids take a second or two where one flat union is slower.
 *
 * Each merge also measures its deficit: the children's areas minus the merged area. A point covered by
 * k children counts k − 1 times, so the deficit is at least the overlap of any two grids that meet first
 * in that merge. Where it is below the overlap threshold, no pair of grids below it overlaps by more, and
 * the exact pairwise check can skip them: on a clean set, nearly all of them.
 */
export interface UnionTree {
  union: Polygons;
  /** Whether grids a and b (indexes into the list given) may overlap by more than `minM2`. */
  mayOverlap(a: number, b: number, minM2: number): boolean;
  /** Grids polygon-clipping could not merge (it fails on some near-degenerate input): gaps near them are unchecked. */
  unmerged: number[];
}

interface Node {
  polygons: Polygons;
  area: number;
  /** Grid indexes below, to name those a failed merge leaves out. */
  first: number;
  count: number;
}

/**
 * Grids in k-d order: split at the median of the longer side, recursively, left half first. Runs of
 * consecutive grids are then compact patches (unions of patches stay short-edged), at any batch size.
 */
function kdOrder(grids: readonly PlanarGrid[]): number[] {
  const cx = grids.map((g) => (g.box[0] + g.box[2]) / 2);
  const cy = grids.map((g) => (g.box[1] + g.box[3]) / 2);
  const out: number[] = [];
  const split = (ids: number[]): void => {
    if (ids.length <= 2) {
      out.push(...ids);
      return;
    }
    const xs = ids.map((i) => cx[i] as number);
    const ys = ids.map((i) => cy[i] as number);
    const c = Math.max(...xs) - Math.min(...xs) >= Math.max(...ys) - Math.min(...ys) ? cx : cy;
    ids.sort((a, b) => (c[a] as number) - (c[b] as number) || a - b);
    const half = Math.ceil(ids.length / 2);
    split(ids.slice(0, half));
    split(ids.slice(half));
  };
  split(grids.map((_, i) => i));
  return out;
}

function merge(children: readonly Node[], order: readonly number[], unmerged: number[]): { polygons: Polygons; exact: boolean } {
  const [first, ...rest] = children.map((c) => c.polygons as MultiPolygon);
  try {
    return { polygons: (rest.length ? polygonClipping.union(first as MultiPolygon, ...rest) : first) as Polygons, exact: true };
  } catch {
    // One at a time, leaving out what cannot be merged.
    let acc: Polygons = [];
    for (const c of children) {
      try {
        acc = (acc.length ? polygonClipping.union(acc as MultiPolygon, c.polygons as MultiPolygon) : c.polygons) as Polygons;
      } catch {
        unmerged.push(...order.slice(c.first, c.first + c.count));
      }
    }
    return { polygons: acc, exact: false };
  }
}

export function buildUnionTree(grids: readonly PlanarGrid[]): UnionTree {
  const order = kdOrder(grids);
  const position = new Array<number>(grids.length);
  order.forEach((g, p) => (position[g] = p));
  const unmerged: number[] = [];
  let level: Node[] = order.map((g, p) => ({ polygons: (grids[g] as PlanarGrid).polygons, area: areaOf((grids[g] as PlanarGrid).polygons), first: p, count: 1 }));
  /** Deficit of each node, level by level (level 0: single grids, none). */
  const deficits: number[][] = [level.map(() => 0)];
  while (level.length > 1) {
    const next: Node[] = [];
    const deficit: number[] = [];
    for (let i = 0; i < level.length; i += BATCH) {
      const children = level.slice(i, i + BATCH);
      const { polygons, exact } = merge(children, order, unmerged);
      const area = areaOf(polygons);
      const first = (children[0] as Node).first;
      next.push({ polygons, area, first, count: children.reduce((s, c) => s + c.count, 0) });
      // A failed merge proves nothing: every pair below it gets the exact check.
      deficit.push(exact ? children.reduce((s, c) => s + c.area, 0) - area : Infinity);
    }
    deficits.push(deficit);
    level = next;
  }
  return {
    union: level[0]?.polygons ?? [],
    unmerged,
    mayOverlap(a, b, minM2) {
      let pa = position[a] as number;
      let pb = position[b] as number;
      let depth = 0;
      while (pa !== pb) {
        pa = Math.floor(pa / BATCH);
        pb = Math.floor(pb / BATCH);
        depth++;
      }
      // Half the threshold: room for rounding in the areas, never a missed overlap.
      return (deficits[depth]?.[pa] ?? Infinity) > minM2 / 2;
    },
  };
}
