import { polygonsOf } from '../../app/geo/geojson';
import type { ResponsibilityGrid, UnitGridFeature } from '../../app/grid/unit-grid';
import { seededRng } from '../simulator/walker';

/** Where a case can be: a point with the street, community and grid the hall's locate gives it. */
export interface CasePlace {
  lon: number;
  lat: number;
  grid: string;
  community: string;
  street: string;
  /** For the case's address line (e.g. 八宝山街道电科院社区). */
  address?: string;
  /** How often problems turn up here, relative to an ordinary grid. */
  weight: number;
}

/** The mean of a polygon's outer ring (the closing vertex once): inside for the compact cells of a lattice. */
function centroid(f: UnitGridFeature): [number, number] {
  const ring = polygonsOf(f.geometry)[0]?.[0] ?? [];
  const n = Math.max(1, ring.length - 1);
  let x = 0;
  let y = 0;
  for (const p of ring.slice(0, n)) {
    x += p[0] ?? 0;
    y += p[1] ?? 0;
  }
  return [x / n, y / n];
}

export interface PlaceOptions {
  seed: number;
  /** Hotspots (高发区域: markets, old lanes, station forecourts): how many, and how far they reach. */
  hotspots?: number;
  hotspotRadiusM?: number;
}

/**
 * The grids of a district as places for cases: each grid's centre, weighted so problems cluster in
 * hotspots and some streets are busier than others (the repeat/hotspot share the wall shows). Pure and
 * deterministic for a seed.
 */
export function gridPlaces(features: readonly UnitGridFeature[], o: PlaceOptions): CasePlace[] {
  const rng = seededRng(o.seed ^ 0x5eed);
  const streets = [...new Set(features.map((f) => f.properties.street))].sort();
  const streetBusy = new Map(streets.map((s) => [s, 0.6 + rng() * 0.8]));
  const places = features.map((f) => {
    const [lon, lat] = centroid(f);
    const p = f.properties;
    const place: CasePlace = { lon, lat, grid: p.code, community: p.community, street: p.street, weight: streetBusy.get(p.street) ?? 1 };
    if (p.streetName || p.communityName) place.address = `${p.streetName ?? ''}${p.communityName ?? ''}`;
    return place;
  });
  const count = Math.min(places.length, o.hotspots ?? Math.max(1, Math.round(places.length / 150)));
  const radius = o.hotspotRadiusM ?? 250;
  const lat0 = places.reduce((s, p) => s + p.lat, 0) / Math.max(1, places.length);
  const mx = 111_320 * Math.cos((lat0 * Math.PI) / 180);
  for (let k = 0; k < count; k++) {
    const c = places[Math.floor(rng() * places.length)] as CasePlace;
    const boost = 3 + rng() * 9;
    for (const p of places) {
      const dx = (p.lon - c.lon) * mx;
      const dy = (p.lat - c.lat) * 111_320;
      const d2 = dx * dx + dy * dy;
      if (d2 < radius * radius) p.weight *= 1 + boost * (1 - Math.sqrt(d2) / radius);
    }
  }
  return places;
}

/** The inspectors posted to each street, from responsibility grids whose grids lie in it. */
export function inspectorsByStreet(responsibility: readonly ResponsibilityGrid[], streetOfGrid: (code: string) => string | undefined): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of responsibility) {
    const streets = new Set(r.grids.map(streetOfGrid).filter((s): s is string => s !== undefined));
    for (const s of streets) out.set(s, [...new Set([...(out.get(s) ?? []), ...r.inspectors])]);
  }
  return out;
}
