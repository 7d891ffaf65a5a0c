import { MAX_GRIDS_PER_COMMUNITY } from '../grid-code';
import { SPLIT, type CellOwners } from './cell-owners';

/**
 * One area's grids in sequence order. Usually one grid per lattice cell (`factor` 1, `cells` are cell
 * indices); an area with more than 999 cells is coarsened into blocks of factor × factor cells (aligned on
 * multiples of the factor, so the same input always gives the same blocks) and `cells` are the blocks'
 * south-west cells.
 */
export interface NumberedArea {
  factor: number;
  cells: Int32Array;
}

/**
 * Numbers every area's grids north→south by lattice row, west→east within a row (one grid per cell and
 * area), by a single scan of the lattice in that order: counting first, then filling, so the result is
 * deterministic and linear in cells.
 */
export function numberGrids(o: CellOwners, cols: number, areaCount: number, max = MAX_GRIDS_PER_COMMUNITY): NumberedArea[] {
  const rows = o.owner.length / cols;
  const count = new Int32Array(areaCount);
  const scan = (visit: (area: number, cell: number) => void) => {
    for (let row = rows - 1; row >= 0; row--) {
      for (let col = 0; col < cols; col++) {
        const cell = row * cols + col;
        const w = o.owner[cell]!;
        if (w >= 0) visit(w, cell);
        else if (w === SPLIT) for (const p of o.split.get(cell)!) visit(p.area, cell);
      }
    }
  };
  scan((a) => count[a]!++);
  const lists = Array.from(count, (n) => new Int32Array(n));
  const fill = new Int32Array(areaCount);
  scan((a, cell) => {
    lists[a]![fill[a]!++] = cell;
  });
  return lists.map((cells) => (cells.length <= max ? { factor: 1, cells } : coarsen(cells, cols, max)));
}

/** The smallest block factor that brings an area's grids down to `max`, and its blocks in sequence order. */
function coarsen(cells: Int32Array, cols: number, max: number): NumberedArea {
  for (let k = 2; ; k++) {
    const bc = Math.ceil(cols / k);
    const keys = new Set<number>();
    for (const cell of cells) {
      const col = cell % cols;
      const row = (cell - col) / cols;
      keys.add(Math.floor(row / k) * bc + Math.floor(col / k));
    }
    if (keys.size > max) continue;
    // Sequence order: block rows north→south, west→east within a row.
    const order = [...keys].sort((a, b) => {
      const ra = Math.floor(a / bc);
      const rb = Math.floor(b / bc);
      return ra !== rb ? rb - ra : a - b;
    });
    const out = new Int32Array(order.length);
    order.forEach((key, i) => {
      const bcol = key % bc;
      const brow = (key - bcol) / bc;
      out[i] = brow * k * cols + bcol * k;
    });
    return { factor: k, cells: out };
  }
}
