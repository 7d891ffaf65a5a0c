import * as clip from './clip';
import { classifyCells, IN, OUT, windowOver } from './cell-raster';
import { clipToCells } from './clip-cells';
import { baseArea, baseOf, emptyOwners, NONE, setParts, SPLIT, type CellOwners, type Part } from './cell-owners';
import { SLIVER_M2, type DistrictCells } from './district-cells';
import { boxOf, multiPolygonArea, ringsOf, type MultiPolygon } from './planar';

/** An area's claim on a shared cell: its piece there, or null for the whole cell. */
interface Claim {
  area: number;
  piece: MultiPolygon | null;
}

/**
 * Areas given as polygons (projected). Each polygon is classified on the lattice and clipped only in its
 * boundary cells; a cell inside exactly one polygon is that area's whole. Cells claimed by several, or on
 * an area's boundary, are cut: each area gets what is left of the cell after the areas before it (lower
 * code first, so overlapping polygons never give one place twice). What no polygon covers (gaps between
 * them) goes to the largest part of its cell, or, for whole cells, to the nearest area; both are marked
 * as filled (approximate) and counted in `gapM2`.
 */
export function ownByPolygons(d: DistrictCells, polygons: readonly MultiPolygon[]): CellOwners {
  const o = emptyOwners(d);
  const l = d.lattice;
  const claims = new Map<number, Claim[]>();
  const claim = (cell: number, c: Claim) => {
    let list = claims.get(cell);
    if (!list) {
      list = [];
      claims.set(cell, list);
      const prior = o.owner[cell]!;
      if (prior >= 0) list.push({ area: prior, piece: null });
      o.owner[cell] = SPLIT;
    }
    list.push(c);
  };

  polygons.forEach((polygon, area) => {
    const w = windowOver(l, boxOf(ringsOf(polygon)));
    if (w.cols === 0 || w.rows === 0) return;
    const state = classifyCells(l, w, [...ringsOf(polygon)]);
    for (let r = 0; r < w.rows; r++) {
      for (let c = 0; c < w.cols; c++) {
        if (state[r * w.cols + c] !== IN) continue;
        const cell = (w.row0 + r) * l.cols + w.col0 + c;
        if (d.state[cell] === OUT) continue;
        if (o.owner[cell] === NONE) o.owner[cell] = area;
        else claim(cell, { area, piece: null });
      }
    }
    clipToCells(l, w, state, polygon, (col, row, piece) => {
      const cell = row * l.cols + col;
      if (d.state[cell] !== OUT) claim(cell, { area, piece });
    });
  });

  for (const [cell, list] of claims) {
    const { parts, remaining, overlapM2 } = share(d, cell, list.sort((a, b) => a.area - b.area));
    o.overlapM2 += overlapM2;
    const gap = remaining.length > 0 ? multiPolygonArea(remaining) : 0;
    if (gap >= SLIVER_M2 && parts.length > 0) {
      const largest = parts.reduce((a, b) => (b.areaM2 > a.areaM2 ? b : a));
      largest.piece = clip.union(largest.piece, remaining);
      largest.areaM2 += gap;
      largest.filled = true;
      o.gapM2 += gap;
    } else if (gap > 0 && parts.length > 0) {
      o.slivers.count++;
      o.slivers.areaM2 += gap;
    }
    if (parts.length === 0) o.owner[cell] = NONE;
    else setParts(o, cell, parts);
  }
  fillGaps(d, o);
  return o;
}

/** Areas below this (m²) between what the claims cover and the cell are rounding, not gaps or overlaps. */
const TILED_M2 = 1e-3;

/**
 * Shares a cell among the areas claiming it, lower area index first, and says what none claimed. Usually
 * the claims are pieces that tile the cell exactly (neighbours meeting along a common boundary): then each
 * part is its piece (cut to the district on a boundary cell) and nothing needs subtracting. Otherwise
 * (overlapping or gapped polygons) each area gets what the ones before it left.
 */
function share(d: DistrictCells, cell: number, claims: Claim[]): { parts: Part[]; remaining: MultiPolygon; overlapM2: number } {
  const base = baseOf(d, cell)!;
  const whole = d.state[cell] === IN;
  if (claims.every((c) => c.piece !== null)) {
    const parts: Part[] = [];
    let sum = 0;
    for (const c of claims) {
      const piece = whole ? c.piece! : clip.intersection(base, c.piece!);
      if (piece.length === 0) continue;
      const areaM2 = multiPolygonArea(piece);
      parts.push({ area: c.area, piece, areaM2 });
      sum += areaM2;
    }
    if (Math.abs(sum - baseArea(d, cell)) < TILED_M2) return { parts, remaining: [], overlapM2: 0 };
  }
  let remaining = base;
  let claimed = 0;
  const parts: Part[] = [];
  for (const c of claims) {
    const inBase = c.piece === null ? base : whole ? c.piece : clip.intersection(base, c.piece);
    claimed += multiPolygonArea(inBase);
    if (remaining.length === 0) continue;
    const piece = c.piece === null ? remaining : clip.intersection(remaining, inBase);
    remaining = c.piece === null ? [] : clip.difference(remaining, inBase);
    if (piece.length > 0) parts.push({ area: c.area, piece, areaM2: multiPolygonArea(piece) });
  }
  const covered = baseArea(d, cell) - (remaining.length > 0 ? multiPolygonArea(remaining) : 0);
  return { parts, remaining, overlapM2: Math.max(0, claimed - covered) };
}

/**
 * Gives each district cell no area claimed to the nearest claimed cell's area (breadth-first over the
 * lattice from every claimed cell at once, in scan order, so the result is deterministic).
 */
function fillGaps(d: DistrictCells, o: CellOwners): void {
  const n = o.owner.length;
  let gaps = 0;
  for (let i = 0; i < n; i++) if (o.owner[i] === NONE && d.state[i] !== OUT) gaps++;
  if (gaps === 0) return;
  const near = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  let head = 0;
  let tail = 0;
  for (let i = 0; i < n; i++) {
    const w = o.owner[i]!;
    const area = w >= 0 ? w : w === SPLIT ? largestArea(o.split.get(i)!) : -1;
    if (area >= 0) {
      near[i] = area;
      queue[tail++] = i;
    }
  }
  if (tail === 0) return;
  const cols = d.lattice.cols;
  while (head < tail) {
    const i = queue[head++]!;
    const col = i % cols;
    for (const j of [i - cols, col > 0 ? i - 1 : -1, col < cols - 1 ? i + 1 : -1, i + cols]) {
      if (j < 0 || j >= n || near[j]! >= 0) continue;
      near[j] = near[i]!;
      queue[tail++] = j;
    }
  }
  for (let i = 0; i < n; i++) {
    if (o.owner[i] !== NONE || d.state[i] === OUT || near[i]! < 0) continue;
    o.owner[i] = near[i]!;
    o.filled[i] = 1;
    o.gapM2 += baseArea(d, i);
  }
}

function largestArea(parts: Part[]): number {
  return parts.reduce((a, b) => (b.areaM2 > a.areaM2 ? b : a)).area;
}

