import Flatbush from 'flatbush';
import * as clip from './clip';
import { polygonsOf } from '../../geo/geojson';
import { fromDef } from '../../geo/local-projection';
import type { UnitGridCollection } from '../unit-grid';
import { boxOf, multiPolygonArea, ringsOf, type Box, type MultiPolygon, type Pair } from './planar';

export interface GridAudit {
  /** Σ planar area of the grids' geometry in the lattice's projection (m²). */
  areaM2: number;
  /** Σ area of pairwise intersections between grids (m²): 0 for a partition. */
  overlapM2: number;
  /** Pairs of grids whose boxes overlapped and were intersected. */
  pairs: number;
}

const TOUCH = 1e-3;

/** An axis-aligned rectangle (a whole cell or block), so overlaps with others of its kind are arithmetic. */
function rectOf(mp: MultiPolygon): Box | undefined {
  if (mp.length !== 1 || mp[0]!.length !== 1) return undefined;
  const ring = mp[0]![0]!;
  const b = boxOf([ring]);
  const onBox = ring.every(([x, y]) => (Math.abs(x - b[0]) < 1e-6 || Math.abs(x - b[2]) < 1e-6) && (Math.abs(y - b[1]) < 1e-6 || Math.abs(y - b[3]) < 1e-6));
  // A triangle or pentagon can have every vertex on its box too: the area tells them apart.
  const full = Math.abs(multiPolygonArea(mp) - (b[2] - b[0]) * (b[3] - b[1])) < 1e-6;
  return onBox && full ? b : undefined;
}

/**
 * Checks a built grid set as anyone reading the file would: back in the lattice's projection, the grids'
 * total area and their overlaps (candidates by bounding box, a flatbush index, then exact intersection).
 */
export function auditGrids(c: UnitGridCollection): GridAudit {
  if (!c.lattice) throw new Error('a built grid set carries its lattice');
  const p = fromDef(c.lattice.proj);
  const polys = c.features.map((f) => polygonsOf(f.geometry).map((poly) => poly.map((ring) => ring.map(([lon, lat]) => p.forward(lon as number, lat as number) as Pair))));
  const boxes = polys.map((mp) => boxOf(ringsOf(mp)));
  const rects = polys.map(rectOf);
  const index = new Flatbush(Math.max(1, polys.length));
  for (const b of boxes) index.add(b[0], b[1], b[2], b[3]);
  if (polys.length === 0) index.add(0, 0, 0, 0);
  index.finish();
  let areaM2 = 0;
  let overlapM2 = 0;
  let pairs = 0;
  polys.forEach((mp, i) => {
    areaM2 += multiPolygonArea(mp);
    const b = boxes[i]!;
    for (const j of index.search(b[0] + TOUCH, b[1] + TOUCH, b[2] - TOUCH, b[3] - TOUCH)) {
      if (j <= i) continue;
      pairs++;
      const ri = rects[i];
      const rj = rects[j];
      if (ri && rj) {
        const w = Math.min(ri[2], rj[2]) - Math.max(ri[0], rj[0]);
        const h = Math.min(ri[3], rj[3]) - Math.max(ri[1], rj[1]);
        if (w > 0 && h > 0) overlapM2 += w * h;
      } else overlapM2 += multiPolygonArea(clip.intersection(mp, polys[j]!));
    }
  });
  return { areaM2, overlapM2, pairs };
}
