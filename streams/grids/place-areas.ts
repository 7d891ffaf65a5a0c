import polygonClipping, { type MultiPolygon as PcMulti, type Polygon as PcPolygon } from 'polygon-clipping';
import polylabel from 'polylabel';
import type { Place } from '../../app/city/city';
import type { PlaceArea, PlaceAreas } from '../../app/grid/grid-channels';
import type { UnitGridFeature } from '../../app/grid/unit-grid';

function asPolygons(g: UnitGridFeature['geometry']): PcPolygon[] {
  return (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as PcPolygon[];
}

/** Unions many polygons in a balanced tree of pairwise unions (far faster than one at a time). */
function unionAll(parts: PcPolygon[]): PcMulti {
  let level: PcMulti[] = parts.map((p) => [p]);
  while (level.length > 1) {
    const next: PcMulti[] = [];
    for (let i = 0; i < level.length; i += 2) {
      const a = level[i] as PcMulti;
      const b = level[i + 1];
      next.push(b ? polygonClipping.union(a, b) : a);
    }
    level = next;
  }
  return level[0] ?? [];
}

function ringArea(ring: number[][]): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) a += ((ring[j]?.[0] ?? 0) + (ring[i]?.[0] ?? 0)) * ((ring[j]?.[1] ?? 0) - (ring[i]?.[1] ?? 0));
  return Math.abs(a / 2);
}

function area(code: string, name: string, level: PlaceArea['level'], approximate: boolean, shape: PcMulti): PlaceArea {
  const largest = [...shape].sort((a, b) => ringArea(b[0] as number[][]) - ringArea(a[0] as number[][]))[0] ?? [];
  const spot = largest.length ? polylabel(largest as [number, number][][], 1e-5) : [0, 0];
  const label: [number, number] = [spot[0] ?? 0, spot[1] ?? 0];
  const round = (v: number) => Math.round(v * 1e6) / 1e6;
  return {
    code,
    name,
    level,
    approximate,
    label: [round(label[0]), round(label[1])],
    geometry: shape.length === 1 ? { type: 'Polygon', coordinates: shape[0] as unknown[] } : { type: 'MultiPolygon', coordinates: shape as unknown[] },
  };
}

/**
 * Street and community areas dissolved from their unit grids, each with a label point well inside it
 * (so a label never sits on a neighbour's ground, as a raw centre point can). Names come from the grids,
 * else the city's places.
 */
export function dissolvePlaceAreas(grids: readonly UnitGridFeature[], places: readonly Place[]): PlaceAreas {
  const nameOf = new Map(places.map((p) => [p.code, p.shortName]));
  const byCommunity = new Map<string, UnitGridFeature[]>();
  for (const g of grids) {
    const list = byCommunity.get(g.properties.community) ?? [];
    list.push(g);
    byCommunity.set(g.properties.community, list);
  }
  const communities: PlaceArea[] = [];
  const byStreet = new Map<string, { shapes: PcPolygon[]; approximate: boolean; name?: string }>();
  for (const code of [...byCommunity.keys()].sort()) {
    const list = byCommunity.get(code) as UnitGridFeature[];
    const shape = unionAll(list.flatMap((g) => asPolygons(g.geometry)));
    const first = list[0]?.properties;
    const approximate = list.some((g) => g.properties.approximate);
    communities.push(area(code, first?.communityName ?? nameOf.get(code) ?? code.slice(9), 'community', approximate, shape));
    const street = first?.street ?? `${code.slice(0, 9)}000`;
    const s = byStreet.get(street) ?? { shapes: [], approximate: false };
    s.shapes.push(...shape);
    s.approximate ||= approximate;
    s.name ??= first?.streetName;
    byStreet.set(street, s);
  }
  const streets = [...byStreet.keys()].sort().map((code) => {
    const s = byStreet.get(code) as { shapes: PcPolygon[]; approximate: boolean; name?: string };
    return area(code, s.name ?? nameOf.get(code) ?? code.slice(6, 9), 'street', s.approximate, unionAll(s.shapes));
  });
  return { streets, communities };
}
