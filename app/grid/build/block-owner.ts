import { MAX_GRIDS_PER_COMMUNITY } from '../grid-code';
import { OUT } from './cell-raster';
import { emptyOwners, type CellOwners } from './cell-owners';
import type { DistrictCells } from './district-cells';

/** Side of a synthetic block in cells: 30 × 30 = 900 grids at most, under the 999 a community can number. */
export const BLOCK_CELLS = 30;

/**
 * With no streets or communities given, the district is cut into square blocks of the lattice, each
 * numbered as a community: north→south, then west→east; empty blocks are skipped. A district too large
 * for 999 blocks gets larger blocks (whose grids are then coarsened to fit, like any large community).
 */
export function ownByBlocks(d: DistrictCells): { owners: CellOwners; blocks: number; blockCells: number } {
  const l = d.lattice;
  const o = emptyOwners(d);
  let side = BLOCK_CELLS;
  for (;;) {
    const bc = Math.ceil(l.cols / side);
    const br = Math.ceil(l.rows / side);
    const blockOf = (cell: number) => {
      const col = cell % l.cols;
      const row = (cell - col) / l.cols;
      return (br - 1 - Math.floor(row / side)) * bc + Math.floor(col / side); // north→south, west→east
    };
    const used = new Uint8Array(bc * br);
    for (let i = 0; i < d.state.length; i++) if (d.state[i] !== OUT) used[blockOf(i)] = 1;
    const number = new Int32Array(bc * br).fill(-1);
    let n = 0;
    for (let b = 0; b < used.length; b++) if (used[b]) number[b] = n++;
    if (n > MAX_GRIDS_PER_COMMUNITY) {
      side *= 2;
      continue;
    }
    for (let i = 0; i < d.state.length; i++) if (d.state[i] !== OUT) o.owner[i] = number[blockOf(i)]!;
    return { owners: o, blocks: n, blockCells: side };
  }
}
