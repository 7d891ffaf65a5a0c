import { localTransverseMercator, type LocalProjection } from '../../geo/local-projection';
import { latticeOver } from '../lattice';
import type { LatticeSpec } from '../unit-grid';
import { classifyCells, EDGE, IN, OUT, wholeLattice } from './cell-raster';
import { clipToCells } from './clip-cells';
import { boxOf, multiPolygonArea, pointInRings, ringsOf, type MultiPolygon, type Pair } from './planar';

/** Pieces smaller than this (m²) are slivers of the clipping, not grids. */
export const SLIVER_M2 = 1;

/** The district laid on its lattice: which cells are inside, and the clipped pieces of the boundary cells. */
export interface DistrictCells {
  projection: LocalProjection;
  lattice: LatticeSpec;
  /** The district in projected metres. */
  polygon: MultiPolygon;
  /** Planar area in the local projection (m²), the measure grid areas add up to. */
  areaM2: number;
  /** Per lattice cell (row-major from the south-west): OUT, IN or EDGE. */
  state: Uint8Array;
  /** EDGE cells' pieces (cell index → piece in projected metres) and their areas (m²). */
  pieces: Map<number, MultiPolygon>;
  pieceM2: Map<number, number>;
  /** Area (m²) of boundary pieces dropped as slivers, and how many. */
  slivers: { count: number; areaM2: number };
}

/** The most lattice cells a build lays (≈ a 3,000 km² bounding box at 10 m, or 200,000 km² at 100 m). */
export const MAX_CELLS = 30_000_000;

export class TooLargeError extends Error {}

/** Centre of a lon/lat polygon's bounding box. */
export function bboxCentre(polygon: MultiPolygon): [number, number] {
  const b = boxOf(ringsOf(polygon));
  return [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2];
}

export function projectPolygon(p: LocalProjection, polygon: MultiPolygon): MultiPolygon {
  return polygon.map((poly) => poly.map((ring) => ring.map(([lon, lat]) => p.forward(lon, lat) as Pair)));
}

/**
 * Lays the lattice over a district (WGS84 lon/lat) in a transverse Mercator centred on its bounding box,
 * classifies the cells and clips only those the boundary crosses.
 */
export function layDistrict(lonLat: MultiPolygon, cellSize: number): DistrictCells {
  const projection = localTransverseMercator(bboxCentre(lonLat));
  const polygon = projectPolygon(projection, lonLat);
  const lattice = latticeOver(projection.def, boxOf(ringsOf(polygon)), cellSize);
  if (lattice.cols * lattice.rows > MAX_CELLS) {
    throw new TooLargeError(
      `the district needs ${lattice.cols} × ${lattice.rows} cells of ${cellSize} m, more than ${MAX_CELLS.toLocaleString('en')}: use a larger --cell-size`,
    );
  }
  const w = wholeLattice(lattice);
  const state = classifyCells(lattice, w, [...ringsOf(polygon)]);
  const pieces = new Map<number, MultiPolygon>();
  const pieceM2 = new Map<number, number>();
  const slivers = { count: 0, areaM2: 0 };
  clipToCells(lattice, w, state, polygon, (col, row, piece) => {
    const a = multiPolygonArea(piece);
    if (a < SLIVER_M2) {
      slivers.count++;
      slivers.areaM2 += a;
      return;
    }
    pieces.set(row * lattice.cols + col, piece);
    pieceM2.set(row * lattice.cols + col, a);
  });
  // A boundary cell whose piece was empty or a sliver holds no grid.
  for (let i = 0; i < state.length; i++) if (state[i] === EDGE && !pieces.has(i)) state[i] = OUT;
  return { projection, lattice, polygon, areaM2: multiPolygonArea(polygon), state, pieces, pieceM2, slivers };
}

/** Whether a projected point lies in the district (exact on boundary cells). */
export function inDistrict(d: DistrictCells, x: number, y: number): boolean {
  const l = d.lattice;
  const col = Math.floor((x - l.x0) / l.cellSize);
  const row = Math.floor((y - l.y0) / l.cellSize);
  if (col < 0 || row < 0 || col >= l.cols || row >= l.rows) return false;
  const s = d.state[row * l.cols + col];
  if (s === IN) return true;
  const piece = d.pieces.get(row * l.cols + col);
  return piece !== undefined && pointInRings(x, y, ringsOf(piece));
}
