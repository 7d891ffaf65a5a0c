import { IN, OUT } from './cell-raster';
import { SLIVER_M2, type DistrictCells } from './district-cells';
import { blockBox, rectPolygon, type MultiPolygon } from './planar';

/** owner[cell]: no area (outside the district, or not yet assigned). */
export const NONE = -1;
/** owner[cell]: the cell is shared by several areas; its parts are in `split`. */
export const SPLIT = -2;
/** owner[cell]: what the district has of it is only slivers: no grid. */
export const DROPPED = -3;

/** One area's share of a split cell. */
export interface Part {
  area: number;
  piece: MultiPolygon;
  areaM2: number;
  /** It took in a gap no area covered (its boundary there is derived). */
  filled?: boolean;
}

/**
 * Which area (street or community to number grids in) each lattice cell belongs to. A cell wholly in one
 * area has that area's index in `owner` and is its grid whole: the square, or the district's piece of a
 * boundary cell. A shared cell is SPLIT, with each area's part.
 */
export interface CellOwners {
  owner: Int32Array;
  split: Map<number, Part[]>;
  /** Whole cells given to an area to fill a gap between the given areas (approximate). */
  filled: Uint8Array;
  slivers: { count: number; areaM2: number };
  /** Area (m²) of the district no given area covered, given to the nearest. */
  gapM2: number;
  /** Area (m²) claimed by more than one given polygon, kept by the lowest code. */
  overlapM2: number;
}

export function emptyOwners(d: DistrictCells): CellOwners {
  const n = d.lattice.cols * d.lattice.rows;
  return {
    owner: new Int32Array(n).fill(NONE),
    split: new Map(),
    filled: new Uint8Array(n),
    slivers: { count: d.slivers.count, areaM2: d.slivers.areaM2 },
    gapM2: 0,
    overlapM2: 0,
  };
}

/** What of a cell lies in the district: its square, or its clipped piece; undefined outside. */
export function baseOf(d: DistrictCells, cell: number): MultiPolygon | undefined {
  const s = d.state[cell];
  if (s === OUT) return undefined;
  if (s === IN) {
    const l = d.lattice;
    const col = cell % l.cols;
    const row = (cell - col) / l.cols;
    return [rectPolygon(blockBox(l, col, row, col + 1, row + 1))];
  }
  return d.pieces.get(cell);
}

export function baseArea(d: DistrictCells, cell: number): number {
  const s = d.state[cell];
  if (s === OUT) return 0;
  if (s === IN) return d.lattice.cellSize * d.lattice.cellSize;
  return d.pieceM2.get(cell) ?? 0;
}

/** Records a split cell's parts (in area order), dropping slivers. */
export function setParts(o: CellOwners, cell: number, parts: Part[]): void {
  const kept: Part[] = [];
  for (const p of parts) {
    if (p.areaM2 < SLIVER_M2) {
      o.slivers.count++;
      o.slivers.areaM2 += p.areaM2;
    } else kept.push(p);
  }
  kept.sort((a, b) => a.area - b.area);
  if (kept.length === 0) o.owner[cell] = DROPPED;
  else {
    o.owner[cell] = SPLIT;
    o.split.set(cell, kept);
  }
}
