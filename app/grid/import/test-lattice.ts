import type { LngLat } from '../../geo/lnglat';
import { localTransverseMercator, type LocalProjection } from '../../geo/local-projection';
import { formatGridCode } from '../grid-code';
import { cellBox, latticeOver } from '../lattice';
import type { Pair } from './polygon-check';

/**
 * Realistic unit grids for tests: 100 m squares laid in a local transverse Mercator (as a city would survey
 * them), numbered like a city numbers them: communities are blocks of cells, streets runs of communities,
 * grids within a community west→east then north→south.
 */
export interface LaidGrid {
  code: string;
  col: number;
  row: number;
  /** Closed WGS84 ring, counter-clockwise. */
  ring: Pair[];
}

export interface LaidSet {
  grids: LaidGrid[];
  proj: LocalProjection;
  /** The outer edge of the whole set (through every boundary vertex), WGS84, closed. */
  boundary: Pair[];
  /** A cell's WGS84 ring, optionally moved or resized in metres: [dx, dy, grow east, grow north]. */
  ring(col: number, row: number, adjust?: [number, number, number, number]): Pair[];
}

export interface LayOptions {
  centre?: LngLat;
  cols: number;
  rows: number;
  district?: string;
  /** Cells per community block, across and down (≤ 999 cells). */
  block?: [number, number];
  communitiesPerStreet?: number;
}

export const SHIJINGSHAN: LngLat = [116.2169, 39.9054];

/** The .prj ArcGIS writes for CGCS2000 3° zone 39 (EPSG:4527, Beijing), as offices deliver it. */
export const ZONE_39_PRJ =
  'PROJCS["CGCS2000_3_Degree_GK_Zone_39",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",39500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",117.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';

export function layGrids(o: LayOptions): LaidSet {
  const proj = localTransverseMercator(o.centre ?? SHIJINGSHAN);
  const size = 100;
  const lattice = latticeOver(proj.def, [(-o.cols * size) / 2, (-o.rows * size) / 2, (o.cols * size) / 2, (o.rows * size) / 2], size);
  const [bw, bh] = o.block ?? [10, 10];
  const perStreet = o.communitiesPerStreet ?? 8;
  const blockCols = Math.ceil(o.cols / bw);
  const topRow = o.rows - 1;
  const ring = (col: number, row: number, adjust: [number, number, number, number] = [0, 0, 0, 0]): Pair[] => {
    const [w, s, e, n] = cellBox(lattice, col, row);
    const [dx, dy, gx, gy] = adjust;
    const corners: Pair[] = [[w + dx, s + dy], [e + dx + gx, s + dy], [e + dx + gx, n + dy + gy], [w + dx, n + dy + gy]];
    const out = corners.map(([x, y]) => proj.inverse(x, y));
    return [...out, out[0] as Pair];
  };
  const grids: LaidGrid[] = [];
  for (let row = topRow; row >= 0; row--) {
    for (let col = 0; col < o.cols; col++) {
      // Blocks and sequences count from the north-west, as cities number them.
      const fromTop = topRow - row;
      const k = Math.floor(fromTop / bh) * blockCols + Math.floor(col / bw);
      const seq = (fromTop % bh) * bw + (col % bw) + 1;
      const code = formatGridCode({
        county: o.district ?? '110107',
        street: String(Math.floor(k / perStreet) + 1).padStart(3, '0'),
        community: String((k % perStreet) + 1).padStart(3, '0'),
        seq,
      });
      grids.push({ code, col, row, ring: ring(col, row) });
    }
  }
  const edge: Pair[] = [];
  for (let c = 0; c < o.cols; c++) edge.push(cellBox(lattice, c, 0).slice(0, 2) as Pair);
  for (let r = 0; r < o.rows; r++) edge.push([cellBox(lattice, o.cols - 1, r)[2], cellBox(lattice, o.cols - 1, r)[1]]);
  for (let c = o.cols - 1; c >= 0; c--) edge.push([cellBox(lattice, c, o.rows - 1)[2], cellBox(lattice, c, o.rows - 1)[3]]);
  for (let r = o.rows - 1; r >= 0; r--) edge.push([cellBox(lattice, 0, r)[0], cellBox(lattice, 0, r)[3]]);
  const boundary = edge.map(([x, y]) => proj.inverse(x, y));
  return { grids, proj, boundary: [...boundary, boundary[0] as Pair], ring };
}

/** The set as GeoJSON features with the code in `field` (and any extra properties). */
export function gridFeatures(grids: readonly LaidGrid[], field = 'WGBM', extra: (g: LaidGrid) => Record<string, unknown> = () => ({})) {
  return grids.map((g, index) => ({ index, properties: { [field]: g.code, ...extra(g) }, geometry: { type: 'Polygon', coordinates: [g.ring] as unknown } }));
}
