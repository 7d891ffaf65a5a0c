import * as clip from './clip';
import type { LocalProjection } from '../../geo/local-projection';
import type { AreaGeometry } from '../../geo/geojson';
import type { UnitGridFeature } from '../unit-grid';
import type { Area } from './areas';
import { IN } from './cell-raster';
import { baseArea, baseOf, SPLIT, type CellOwners } from './cell-owners';
import type { DistrictCells } from './district-cells';
import type { LineVertices } from './line-vertices';
import type { NumberedArea } from './numbering';
import { blockBox, rectPolygon, ringArea, type MultiPolygon, type Pair, type Polygon } from './planar';

/** One grid before it is written: projected geometry, area, cell. */
export interface Grid {
  polygon: MultiPolygon;
  areaM2: number;
  filled: boolean;
  col: number;
  row: number;
}

/** Area `a`'s share of a cell: its geometry, area and whether it took in a gap; undefined if none. */
export function shareOf(d: DistrictCells, o: CellOwners, a: number, cell: number): Omit<Grid, 'col' | 'row'> | undefined {
  const w = o.owner[cell]!;
  if (w === a) return { polygon: baseOf(d, cell)!, areaM2: baseArea(d, cell), filled: o.filled[cell] === 1 };
  if (w !== SPLIT) return undefined;
  const part = o.split.get(cell)!.find((p) => p.area === a);
  return part && { polygon: part.piece, areaM2: part.areaM2, filled: part.filled === true };
}

/** The n-th grid of an area: one cell's share, or the union of a coarsened block's shares. */
export function gridOf(d: DistrictCells, o: CellOwners, a: number, n: NumberedArea, i: number): Grid {
  const l = d.lattice;
  const cell = n.cells[i]!;
  const col = cell % l.cols;
  const row = (cell - col) / l.cols;
  if (n.factor === 1) return { ...shareOf(d, o, a, cell)!, col, row };
  const k = n.factor;
  const members: Polygon[] = [];
  let areaM2 = 0;
  let filled = false;
  let whole = true;
  for (let r = row; r < Math.min(row + k, l.rows); r++) {
    for (let c = col; c < Math.min(col + k, l.cols); c++) {
      const at = r * l.cols + c;
      const share = shareOf(d, o, a, at);
      if (!share) {
        whole = false;
        continue;
      }
      whole &&= o.owner[at] === a && d.state[at] === IN;
      members.push(...share.polygon);
      areaM2 += share.areaM2;
      filled ||= share.filled;
    }
  }
  whole &&= row + k <= l.rows && col + k <= l.cols;
  const polygon = whole ? [rectPolygon(blockBox(l, col, row, col + k, row + k))] : clip.union(members[0]!, ...members.slice(1).map((m) => [m]));
  return { polygon, areaM2, filled, col, row };
}

/** Projected grid → WGS84 GeoJSON geometry, with shared vertices inserted on lattice lines. */
export function toLonLat(polygon: MultiPolygon, p: LocalProjection, lines: LineVertices): AreaGeometry {
  const coords: Pair[][][] = [];
  for (const poly of polygon) {
    // RFC 7946 winding: outer rings counter-clockwise, holes clockwise (the fast clipper keeps the input's).
    const rings = poly.map((ring, k) => {
      const wound = ringArea(ring) > 0 === (k === 0) ? ring : [...ring].reverse();
      return withoutRepeats(lines.densify(wound).map(([x, y]) => p.inverse(x, y) as Pair));
    });
    // A ring that collapsed (a hairline part) is left out; a polygon whose outer ring collapsed, entirely.
    if ((rings[0]?.length ?? 0) >= 4) coords.push(rings.filter((r) => r.length >= 4));
  }
  return coords.length === 1 ? { type: 'Polygon', coordinates: coords[0]! } : { type: 'MultiPolygon', coordinates: coords };
}

/** A ring without consecutive repeated positions (two cuts of one point can be a few ulps apart). */
function withoutRepeats(ring: Pair[]): Pair[] {
  return ring.filter((q, i) => i === 0 || q[0] !== ring[i - 1]![0] || q[1] !== ring[i - 1]![1]);
}

/** The features of every area's grids, in community-code then sequence order. */
export function* gridFeatures(
  d: DistrictCells,
  o: CellOwners,
  areas: readonly Area[],
  numbered: readonly NumberedArea[],
  lines: LineVertices,
): Generator<UnitGridFeature> {
  for (let a = 0; a < areas.length; a++) {
    const area = areas[a]!;
    const n = numbered[a]!;
    for (let i = 0; i < n.cells.length; i++) {
      const g = gridOf(d, o, a, n, i);
      yield {
        type: 'Feature',
        properties: {
          code: `${area.community}${String(i + 1).padStart(3, '0')}`,
          street: area.street,
          community: area.community,
          ...(area.streetName ? { streetName: area.streetName } : {}),
          ...(area.communityName ? { communityName: area.communityName } : {}),
          areaM2: Math.round(g.areaM2 * 100) / 100,
          approximate: area.approximate || g.filled,
          cell: [g.col, g.row],
        },
        geometry: toLonLat(g.polygon, d.projection, lines),
      };
    }
  }
}
