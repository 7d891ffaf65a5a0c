import type { LatticeSpec } from '../unit-grid';
import type { Box, Pair, Ring } from './planar';

/** A cell lies wholly outside a polygon, wholly inside it, or on its boundary (to be clipped). */
export const OUT = 0;
export const IN = 1;
export const EDGE = 2;

/** A rectangle of lattice cells: [col0, col0 + cols) × [row0, row0 + rows). */
export interface CellWindow {
  col0: number;
  row0: number;
  cols: number;
  rows: number;
}

export function wholeLattice(l: LatticeSpec): CellWindow {
  return { col0: 0, row0: 0, cols: l.cols, rows: l.rows };
}

/** The cells of the lattice a projected box touches (possibly empty: cols or rows 0). */
export function windowOver(l: LatticeSpec, b: Box): CellWindow {
  const c0 = Math.max(0, Math.floor((b[0] - l.x0) / l.cellSize));
  const r0 = Math.max(0, Math.floor((b[1] - l.y0) / l.cellSize));
  const c1 = Math.min(l.cols, Math.floor((b[2] - l.x0) / l.cellSize) + 1);
  const r1 = Math.min(l.rows, Math.floor((b[3] - l.y0) / l.cellSize) + 1);
  return { col0: c0, row0: r0, cols: Math.max(0, c1 - c0), rows: Math.max(0, r1 - r0) };
}

// Boundary marking widens each segment by this much (in cells): a cell it merely grazes is clipped
// rather than wrongly called inside or outside; clipping a cell that needed none costs little.
const WIDEN = 1e-7;

/**
 * Classifies every cell of a window against a polygon (any rings: outer, holes, several parts; even-odd)
 * in O(vertices + crossings + cells): each boundary segment marks the cells it passes through as EDGE,
 * then one scan line per row, through the cells' centres, says which of the others are inside. A cell no
 * segment touches is wholly on one side, so its centre decides. Index: (row − row0)·cols + (col − col0).
 */
export function classifyCells(l: LatticeSpec, w: CellWindow, rings: readonly Ring[]): Uint8Array {
  const state = new Uint8Array(w.cols * w.rows);
  if (state.length === 0) return state;
  const s = l.cellSize;
  // Window-relative cell units: u east, v north.
  const ox = l.x0 + w.col0 * s;
  const oy = l.y0 + w.row0 * s;
  const rowCount = new Int32Array(w.rows + 1);

  const forEachSegment = (f: (au: number, av: number, bu: number, bv: number) => void) => {
    for (const r of rings) {
      for (let i = 1; i < r.length; i++) {
        const a = r[i - 1] as Pair;
        const b = r[i] as Pair;
        f((a[0] - ox) / s, (a[1] - oy) / s, (b[0] - ox) / s, (b[1] - oy) / s);
      }
      // Tolerate an unclosed ring.
      const first = r[0];
      const last = r[r.length - 1];
      if (first && last && (first[0] !== last[0] || first[1] !== last[1])) {
        f((last[0] - ox) / s, (last[1] - oy) / s, (first[0] - ox) / s, (first[1] - oy) / s);
      }
    }
  };

  // 1. Cells the boundary passes through.
  forEachSegment((au, av, bu, bv) => {
    const vmin = Math.min(av, bv);
    const vmax = Math.max(av, bv);
    const rLo = Math.max(0, Math.floor(vmin - WIDEN));
    const rHi = Math.min(w.rows - 1, Math.floor(vmax + WIDEN));
    for (let row = rLo; row <= rHi; row++) {
      let umin: number;
      let umax: number;
      if (av === bv) {
        umin = Math.min(au, bu);
        umax = Math.max(au, bu);
      } else {
        const ua = au + ((bu - au) * (Math.max(vmin, row - WIDEN) - av)) / (bv - av);
        const ub = au + ((bu - au) * (Math.min(vmax, row + 1 + WIDEN) - av)) / (bv - av);
        umin = Math.min(ua, ub);
        umax = Math.max(ua, ub);
      }
      const cLo = Math.max(0, Math.floor(umin - WIDEN));
      const cHi = Math.min(w.cols - 1, Math.floor(umax + WIDEN));
      for (let col = cLo; col <= cHi; col++) state[row * w.cols + col] = EDGE;
    }
  });

  // 2. Crossings of each row's centre line, bucketed per row (counting sort, typed arrays).
  const rowsCrossed = (av: number, bv: number): [number, number] => {
    // Rows whose centre c + 0.5 lies in [min, max): half-open, so a vertex on the line counts once.
    const lo = Math.max(0, Math.ceil(Math.min(av, bv) - 0.5));
    const hi = Math.min(w.rows - 1, Math.ceil(Math.max(av, bv) - 0.5) - 1);
    return [lo, hi];
  };
  forEachSegment((_au, av, _bu, bv) => {
    if (av === bv) return;
    const [lo, hi] = rowsCrossed(av, bv);
    for (let row = lo; row <= hi; row++) rowCount[row + 1]!++;
  });
  for (let row = 0; row < w.rows; row++) rowCount[row + 1]! += rowCount[row]!;
  const xs = new Float64Array(rowCount[w.rows]!);
  const fill = rowCount.slice(0, w.rows);
  forEachSegment((au, av, bu, bv) => {
    if (av === bv) return;
    const [lo, hi] = rowsCrossed(av, bv);
    for (let row = lo; row <= hi; row++) xs[fill[row]!++] = au + ((bu - au) * (row + 0.5 - av)) / (bv - av);
  });

  // 3. Even-odd along each row: a cell is inside when an odd number of crossings lie west of its centre.
  for (let row = 0; row < w.rows; row++) {
    const line = xs.subarray(rowCount[row], rowCount[row + 1]).sort();
    let k = 0;
    for (let col = 0; col < w.cols; col++) {
      const u = col + 0.5;
      while (k < line.length && (line[k] as number) < u) k++;
      const i = row * w.cols + col;
      if (k % 2 === 1 && state[i] !== EDGE) state[i] = IN;
    }
  }
  return state;
}
