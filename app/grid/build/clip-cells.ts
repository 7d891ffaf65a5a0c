import * as clip from './clip';
import type { LatticeSpec } from '../unit-grid';
import { EDGE, type CellWindow } from './cell-raster';
import { blockBox, rectPolygon, type MultiPolygon } from './planar';
import { clipToBox } from './rect-clip';

/**
 * Cuts a polygon into its pieces in the EDGE cells of a window (see classifyCells), by recursive halving:
 * the polygon is clipped to each half of the window that still holds EDGE cells, and so on down to single
 * cells. Each level handles about as many vertices as the polygon has, so the cost is O(V log cells)
 * instead of clipping the whole polygon once per boundary cell. `emit` gets each non-empty piece with its
 * cell (lattice column and row). Pieces of neighbouring cells share the halving cut's vertices exactly.
 */
export function clipToCells(
  l: LatticeSpec,
  w: CellWindow,
  state: Uint8Array,
  polygon: MultiPolygon,
  emit: (col: number, row: number, piece: MultiPolygon) => void,
): void {
  // Summed-area table of EDGE flags: how many EDGE cells a sub-window holds, in O(1).
  const W = w.cols + 1;
  const sat = new Int32Array(W * (w.rows + 1));
  for (let r = 0; r < w.rows; r++) {
    let run = 0;
    for (let c = 0; c < w.cols; c++) {
      if (state[r * w.cols + c] === EDGE) run++;
      sat[(r + 1) * W + c + 1] = sat[r * W + c + 1]! + run;
    }
  }
  const edges = (c0: number, r0: number, c1: number, r1: number) => sat[r1 * W + c1]! - sat[r0 * W + c1]! - sat[r1 * W + c0]! + sat[r0 * W + c0]!;

  // Window-relative ranges, half-open.
  const visit = (piece: MultiPolygon, c0: number, r0: number, c1: number, r1: number): void => {
    if (c1 - c0 === 1 && r1 - r0 === 1) {
      emit(w.col0 + c0, w.row0 + r0, piece);
      return;
    }
    const halves: Array<[number, number, number, number]> =
      c1 - c0 >= r1 - r0
        ? [
            [c0, r0, (c0 + c1) >> 1, r1],
            [(c0 + c1) >> 1, r0, c1, r1],
          ]
        : [
            [c0, r0, c1, (r0 + r1) >> 1],
            [c0, (r0 + r1) >> 1, c1, r1],
          ];
    for (const [a, b, c, d] of halves) {
      if (edges(a, b, c, d) === 0) continue;
      const box = blockBox(l, w.col0 + a, w.row0 + b, w.col0 + c, w.row0 + d);
      const sub = clipToBox(piece, box) ?? clip.intersection(piece, rectPolygon(box));
      if (sub.length > 0) visit(sub, a, b, c, d);
    }
  };
  if (edges(0, 0, w.cols, w.rows) > 0) visit(polygon, 0, 0, w.cols, w.rows);
}
