import type { LatticeSpec } from './unit-grid';

/**
 * The lattice grids are cut from (pure arithmetic on projected metres). Cells are half-open,
 * [x0 + col·s, x0 + (col+1)·s) × [y0 + row·s, y0 + (row+1)·s), so a point on a shared edge belongs to
 * exactly one cell: the one to its north-east.
 */
export function cellOf(l: LatticeSpec, x: number, y: number): { col: number; row: number } | undefined {
  const col = Math.floor((x - l.x0) / l.cellSize);
  const row = Math.floor((y - l.y0) / l.cellSize);
  if (col < 0 || row < 0 || col >= l.cols || row >= l.rows) return undefined;
  return { col, row };
}

/** A cell's index in row-major order from the south-west (for lookup tables). */
export function cellIndex(l: LatticeSpec, col: number, row: number): number {
  return row * l.cols + col;
}

/** A cell's square in projected metres: [west, south, east, north]. */
export function cellBox(l: LatticeSpec, col: number, row: number): [number, number, number, number] {
  // Each edge from the origin, not from the neighbouring edge, so adjacent cells share it to the last bit.
  return [l.x0 + col * l.cellSize, l.y0 + row * l.cellSize, l.x0 + (col + 1) * l.cellSize, l.y0 + (row + 1) * l.cellSize];
}

/**
 * A lattice covering a projected bounding box, anchored on multiples of the cell size from the
 * projection's origin: the same district and cell size always give the same lattice.
 */
export function latticeOver(proj: string, box: [number, number, number, number], cellSize: number): LatticeSpec {
  const x0 = Math.floor(box[0] / cellSize) * cellSize;
  const y0 = Math.floor(box[1] / cellSize) * cellSize;
  const cols = Math.max(1, Math.ceil((box[2] - x0) / cellSize));
  const rows = Math.max(1, Math.ceil((box[3] - y0) / cellSize));
  return { proj, x0, y0, cellSize, cols, rows };
}
