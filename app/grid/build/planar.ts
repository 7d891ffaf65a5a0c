import type { MultiPolygon, Pair, Polygon, Ring } from 'polygon-clipping';
import type { LatticeSpec } from '../unit-grid';

export type { MultiPolygon, Pair, Polygon, Ring };

/** [west, south, east, north] in projected metres. */
export type Box = [number, number, number, number];

/** Twice the signed area of a ring (shoelace); positive when counter-clockwise. */
function ringArea2(r: Ring): number {
  let s = 0;
  for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
    const a = r[j] as Pair;
    const b = r[i] as Pair;
    s += (a[0] - b[0]) * (a[1] + b[1]);
  }
  return s;
}

export function ringArea(r: Ring): number {
  return ringArea2(r) / 2;
}

/** Planar area: outer rings minus holes, whatever their winding. */
export function polygonArea(p: Polygon): number {
  let a = 0;
  p.forEach((ring, i) => {
    const s = Math.abs(ringArea(ring));
    a += i === 0 ? s : -s;
  });
  return a;
}

export function multiPolygonArea(mp: MultiPolygon): number {
  let a = 0;
  for (const p of mp) a += polygonArea(p);
  return a;
}

export function boxOf(rings: Iterable<Ring>): Box {
  const b: Box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const r of rings) {
    for (const [x, y] of r) {
      if (x < b[0]) b[0] = x;
      if (y < b[1]) b[1] = y;
      if (x > b[2]) b[2] = x;
      if (y > b[3]) b[3] = y;
    }
  }
  return b;
}

export function* ringsOf(mp: MultiPolygon): Generator<Ring> {
  for (const p of mp) yield* p;
}

/** A rectangle as a closed counter-clockwise polygon. */
export function rectPolygon(b: Box): Polygon {
  return [
    [
      [b[0], b[1]],
      [b[2], b[1]],
      [b[2], b[3]],
      [b[0], b[3]],
      [b[0], b[1]],
    ],
  ];
}

/** Even-odd point in polygon over any set of rings (outer rings and holes alike). */
export function pointInRings(x: number, y: number, rings: Iterable<Ring>): boolean {
  let inside = false;
  for (const r of rings) {
    for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
      const [xi, yi] = r[i] as Pair;
      const [xj, yj] = r[j] as Pair;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

/**
 * Lattice lines in projected metres. Every box and test uses these two, so a vertex cut on a cell's
 * side has exactly the coordinate of that side (no drift between neighbours).
 */
export function lineX(l: LatticeSpec, col: number): number {
  return l.x0 + col * l.cellSize;
}
export function lineY(l: LatticeSpec, row: number): number {
  return l.y0 + row * l.cellSize;
}

/** The box of a block of cells [col0, col1) × [row0, row1). */
export function blockBox(l: LatticeSpec, col0: number, row0: number, col1: number, row1: number): Box {
  return [lineX(l, col0), lineY(l, row0), lineX(l, col1), lineY(l, row1)];
}
