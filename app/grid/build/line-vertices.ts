import type { LatticeSpec } from '../unit-grid';
import { lineX, lineY, type MultiPolygon, type Pair, type Ring } from './planar';

/**
 * Vertices that lie on lattice lines, so that neighbouring grids share every vertex on their common side.
 * Where a clipped piece has a vertex on its cell's side (the district or a community boundary meets the
 * side there), the square next to it would otherwise have a T-junction: a vertex of one lying on the
 * other's edge, which rounding or reprojection turns into a hairline overlap or gap. `densify` puts those
 * vertices, and the lattice corners a coarsened block's long sides pass, into every edge along a line.
 */
export class LineVertices {
  private readonly vertical = new Map<number, number[]>();
  private readonly horizontal = new Map<number, number[]>();
  private sortedV = new Map<number, Float64Array>();
  private sortedH = new Map<number, Float64Array>();

  constructor(private readonly l: LatticeSpec) {}

  /** The index of the vertical (or horizontal) line a coordinate lies exactly on, or -1. */
  private col(x: number): number {
    const i = Math.round((x - this.l.x0) / this.l.cellSize);
    return lineX(this.l, i) === x ? i : -1;
  }
  private row(y: number): number {
    const j = Math.round((y - this.l.y0) / this.l.cellSize);
    return lineY(this.l, j) === y ? j : -1;
  }

  add(piece: MultiPolygon): void {
    for (const polygon of piece) {
      for (const ring of polygon) {
        for (const [x, y] of ring) {
          const i = this.col(x);
          const j = this.row(y);
          if ((i >= 0) === (j >= 0)) continue; // on no line, or a lattice corner
          if (i >= 0) push(this.vertical, i, y);
          else push(this.horizontal, j, x);
        }
      }
    }
  }

  /** Call once all pieces are added. */
  finish(): void {
    this.sortedV = sortAll(this.vertical);
    this.sortedH = sortAll(this.horizontal);
  }

  /** A closed ring with the registered vertices and lattice corners inserted on its edges along lattice lines. */
  densify(ring: Ring): Ring {
    const out: Ring = [];
    for (let k = 0; k < ring.length - 1; k++) {
      const a = ring[k] as Pair;
      const b = ring[k + 1] as Pair;
      out.push(a);
      if (a[0] === b[0]) {
        const i = this.col(a[0]);
        if (i >= 0) this.between(a[1], b[1], this.sortedV.get(i), this.l.y0, (y) => out.push([a[0], y]));
      } else if (a[1] === b[1]) {
        const j = this.row(a[1]);
        if (j >= 0) this.between(a[0], b[0], this.sortedH.get(j), this.l.x0, (x) => out.push([x, a[1]]));
      }
    }
    out.push(ring[ring.length - 1] as Pair);
    return out;
  }

  /**
   * Registered values and lattice lines strictly between from and to, in the direction from → to. Values
   * within a micrometre of an end or of each other (the same point cut twice, a few ulps apart) count once.
   */
  private between(from: number, to: number, values: Float64Array | undefined, origin: number, put: (v: number) => void): void {
    const lo = Math.min(from, to) + NEAR;
    const hi = Math.max(from, to) - NEAR;
    if (!(hi > lo)) return;
    const s = this.l.cellSize;
    const found: number[] = [];
    if (values) for (let k = lowerBound(values, lo); k < values.length && (values[k] as number) < hi; k++) found.push(values[k] as number);
    const last = Math.ceil((hi - origin) / s) - 1;
    for (let n = Math.floor((lo - origin) / s) + 1; n <= last; n++) {
      const v = origin + n * s;
      if (v > lo && v < hi) found.push(v);
    }
    found.sort((p, q) => p - q);
    if (from > to) found.reverse();
    let prev = Number.NaN;
    for (const v of found) {
      if (!(Math.abs(v - prev) < NEAR)) put(v);
      prev = v;
    }
  }
}

/** Metres under which two points on a line are the same point. */
const NEAR = 1e-6;

function push(m: Map<number, number[]>, k: number, v: number): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

function sortAll(m: Map<number, number[]>): Map<number, Float64Array> {
  const out = new Map<number, Float64Array>();
  for (const [k, v] of m) out.set(k, Float64Array.from(v).sort());
  return out;
}

function lowerBound(a: Float64Array, v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((a[mid] as number) < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
