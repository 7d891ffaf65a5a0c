import polylabel from 'polylabel';
import type { BBox } from '../../app/geo/lnglat';
import { polygonsOf } from '../../app/geo/geojson';
import { bboxOf } from '../../app/map/display-crs';
import type { UnitGridCollection, UnitGridProps } from '../../app/grid/unit-grid';

export interface IndexedGrid {
  props: UnitGridProps;
  bbox: BBox;
  /** Where its code goes: well inside it (pole of inaccessibility of its largest part). */
  label: [number, number];
}

/** The grids by code, what a legend and a fly-to need, computed once per grid set (WGS84). */
export interface GridIndex {
  byCode: ReadonlyMap<string, IndexedGrid>;
  /** Unit grids of each responsibility grid (责任网格), for coverage. */
  byResponsibility: ReadonlyMap<string, readonly string[]>;
  /** Mean grid area (m²): what "per grid" means for the heatmap's density. */
  meanAreaM2: number;
  /** Some grids' boundaries were derived, not surveyed: the map draws them dashed and the legend says so. */
  approximate: boolean;
}

type Ring = Array<[number, number]>;

function ringArea(ring: Ring): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) a += ((ring[j] as [number, number])[0] - (ring[i] as [number, number])[0]) * ((ring[j] as [number, number])[1] + (ring[i] as [number, number])[1]);
  return Math.abs(a / 2);
}

/** A label point for an area: the pole of inaccessibility of its largest polygon (never outside it, unlike a centroid). */
export function labelPoint(polygons: number[][][][]): [number, number] | undefined {
  let best: number[][][] | undefined;
  let bestArea = -1;
  for (const p of polygons) {
    const a = ringArea((p[0] ?? []) as Ring);
    if (a > bestArea) [best, bestArea] = [p, a];
  }
  if (!best) return undefined;
  const [x, y] = polylabel(best as Ring[], 1e-6);
  return [x, y];
}

export function indexGrids(fc: UnitGridCollection): GridIndex {
  const byCode = new Map<string, IndexedGrid>();
  const byResponsibility = new Map<string, string[]>();
  let area = 0;
  let approximate = false;
  for (const f of fc.features) {
    const p = f.properties;
    const bbox = bboxOf(f.geometry.coordinates);
    const label = labelPoint(polygonsOf(f.geometry));
    if (!bbox || !label) continue;
    byCode.set(p.code, { props: p, bbox, label });
    area += p.areaM2;
    approximate ||= p.approximate;
    if (p.responsibility) {
      const list = byResponsibility.get(p.responsibility) ?? [];
      list.push(p.code);
      byResponsibility.set(p.responsibility, list);
    }
  }
  return { byCode, byResponsibility, meanAreaM2: byCode.size ? area / byCode.size : 10_000, approximate };
}
