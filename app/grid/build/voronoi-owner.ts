import { Delaunay } from 'd3-delaunay';
import Flatbush from 'flatbush';
import * as clip from './clip';
import { IN, OUT } from './cell-raster';
import { baseArea, baseOf, emptyOwners, setParts, type CellOwners, type Part } from './cell-owners';
import type { DistrictCells } from './district-cells';
import { blockBox, lineX, lineY, multiPolygonArea, type Box, type MultiPolygon, type Pair, type Ring } from './planar';
import { clipToBox } from './rect-clip';

/** The Voronoi cell of each seed within bounds (convex, closed); null for a seed that repeats another's position. */
export function voronoiRings(seeds: readonly Pair[], bounds: Box): Array<Ring | null> {
  const voronoi = Delaunay.from(seeds).voronoi(bounds);
  return seeds.map((_, i) => {
    const ring = voronoi.cellPolygon(i) as Ring | null;
    return ring && ring.length >= 4 ? ring : null;
  });
}

/** Areas below this (m²) between a cell and its parts are rounding, not a missing Voronoi cell. */
const TILED_M2 = 1e-3;

/** The base's part in each seed's Voronoi cell; a whole cell (box given) is cut the fast way. */
function partsOf(base: MultiPolygon, box: Box | undefined, seeds: number[], rings: Array<Ring | null>): Part[] {
  const parts: Part[] = [];
  for (const k of seeds) {
    const ring = rings[k];
    if (!ring) continue;
    const piece = (box && clipToBox([[ring]], box)) ?? clip.intersection(base, [ring]);
    if (piece.length > 0) parts.push({ area: k, piece, areaM2: multiPolygonArea(piece) });
  }
  return parts;
}

/**
 * Areas from centre points: each seed owns what is nearer to it than to any other (its Voronoi cell).
 * Voronoi cells are convex, so a cell whose four corners share one nearest seed lies wholly in that seed's
 * cell: only cells with corners of different seeds are clipped, against the Voronoi cells that touch them.
 * Nearest seeds are found per lattice corner (each shared by four cells), walking the Delaunay
 * triangulation from the previous corner's seed, so the whole pass is about linear in cells.
 */
export function ownByVoronoi(d: DistrictCells, seeds: readonly Pair[]): CellOwners {
  if (seeds.length === 0) throw new Error('Voronoi areas need at least one seed');
  const o = emptyOwners(d);
  const l = d.lattice;
  const s = l.cellSize;
  const bounds: Box = [l.x0 - s, l.y0 - s, lineX(l, l.cols) + s, lineY(l, l.rows) + s];
  const delaunay = Delaunay.from(seeds);
  const rings = voronoiRings(seeds, bounds);
  const index = new Flatbush(seeds.length);
  for (const ring of rings) {
    if (!ring) index.add(bounds[0] - 1, bounds[1] - 1, bounds[0] - 1, bounds[1] - 1);
    else {
      const xs = ring.map((p) => p[0]);
      const ys = ring.map((p) => p[1]);
      index.add(Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys));
    }
  }
  index.finish();

  const V = l.cols + 1;
  const nearest = new Int32Array(V * (l.rows + 1)).fill(-1);
  let hint = 0;
  const near = (col: number, row: number): number => {
    const k = row * V + col;
    let v = nearest[k]!;
    if (v < 0) {
      v = delaunay.find(lineX(l, col), lineY(l, row), hint);
      nearest[k] = v;
      hint = v;
    }
    return v;
  };

  for (let row = 0; row < l.rows; row++) {
    for (let col = 0; col < l.cols; col++) {
      const cell = row * l.cols + col;
      if (d.state[cell] === OUT) continue;
      const a = near(col, row);
      if (a === near(col + 1, row) && a === near(col, row + 1) && a === near(col + 1, row + 1)) {
        o.owner[cell] = a;
        continue;
      }
      // Usually the corners' own Voronoi cells tile the cell; only when they leave some of it (a thin
      // Voronoi cell passing between the corners) are all the Voronoi cells near it tried.
      const base = baseOf(d, cell)!;
      const box = blockBox(l, col, row, col + 1, row + 1);
      const whole = d.state[cell] === IN ? box : undefined;
      const corners = [...new Set([a, near(col + 1, row), near(col, row + 1), near(col + 1, row + 1)])].sort((x, y) => x - y);
      let parts = partsOf(base, whole, corners, rings);
      if (Math.abs(parts.reduce((sum, p) => sum + p.areaM2, 0) - baseArea(d, cell)) >= TILED_M2) {
        parts = partsOf(base, whole, index.search(box[0], box[1], box[2], box[3]).sort((x, y) => x - y), rings);
      }
      setParts(o, cell, parts);
    }
  }
  return o;
}
