import Flatbush from 'flatbush';
import polylabel from 'polylabel';
import type { LocalProjection } from '../../geo/local-projection';
import { codeText, ImportError, nameValue, placeNameField } from './fields';
import { areaOf, boxOf, contains, projectPolygons } from './planar';
import { checkPolygon, signedArea, type Pair, type Polygons } from './polygon-check';

/** A feature as read from a file, in WGS84. */
export interface SourceFeature {
  index: number;
  properties: Record<string, unknown>;
  geometry: { type: string; coordinates: unknown } | null;
}

export interface Community {
  index: number;
  code: string;
  name?: string;
  /** WGS84; polygons for surveyed areas, a point for a known centre. */
  polygons?: Polygons;
  point?: Pair;
}

export interface Communities {
  kind: 'polygons' | 'points';
  items: Community[];
}

const COMMUNITY_CODE = /^\d{12}$/;

/**
 * Communities (社区/村) from a reference file: all polygons or all points, each with a 12-digit code (the
 * column holding the most such codes) and, when a column says so, a name.
 */
export function communitiesFrom(features: readonly SourceFeature[]): Communities {
  const counts = new Map<string, number>();
  for (const f of features) {
    for (const [k, v] of Object.entries(f.properties)) if (COMMUNITY_CODE.test(codeText(v) ?? '')) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const field = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (field === undefined) throw new ImportError('has no field holding 12-digit community codes (e.g. 110107011002): add one.');
  const nameField = placeNameField(features.flatMap((f) => Object.keys(f.properties)).filter((k) => k !== field));
  const isPoint = (f: SourceFeature) => f.geometry?.type === 'Point' || (f.geometry?.type === 'MultiPoint' && Array.isArray(f.geometry.coordinates) && f.geometry.coordinates.length === 1);
  const kind = features[0] && isPoint(features[0]) ? 'points' : 'polygons';
  const items = features.map((f): Community => {
    const code = codeText(f.properties[field]) ?? '';
    if (!COMMUNITY_CODE.test(code)) throw new ImportError(`feature ${f.index} has no 12-digit community code in field "${field}": fix it or remove the feature.`);
    const name = nameField ? nameValue(f.properties[nameField]) : undefined;
    const base = { index: f.index, code, ...(name ? { name } : {}) };
    if (kind === 'points') {
      if (!isPoint(f)) throw new ImportError(`feature ${f.index} (${code}) is a ${f.geometry?.type ?? 'feature without geometry'} among points: give communities as all points or all polygons.`);
      const c = (f.geometry?.type === 'Point' ? f.geometry.coordinates : (f.geometry?.coordinates as unknown[])[0]) as number[];
      return { ...base, point: [c[0] as number, c[1] as number] };
    }
    const checked = checkPolygon(f.geometry, { crossings: false });
    if (!checked.ok) throw new ImportError(`feature ${f.index} (${code}) ${checked.detail}: give communities as all polygons (or all points) and fix this one.`);
    return { ...base, polygons: checked.polygons };
  });
  return { kind, items };
}

/**
 * A district boundary: the Polygon and MultiPolygon features of a file, together. Anything else (a line
 * traced along the boundary, points) is refused with what to do.
 */
export function boundaryFrom(features: readonly SourceFeature[]): Polygons {
  const polygons: Polygons = [];
  for (const f of features) {
    const type = f.geometry?.type;
    if (type !== 'Polygon' && type !== 'MultiPolygon') {
      const what = type ? `a ${type}` : 'a feature without geometry';
      const fix = type === 'LineString' || type === 'MultiLineString' ? 'close the line into a Polygon' : 'give the district as a Polygon or MultiPolygon';
      throw new ImportError(`feature ${f.index} is ${what}, not a polygon: ${fix}.`);
    }
    const checked = checkPolygon(f.geometry, { crossings: false });
    if (!checked.ok) throw new ImportError(`feature ${f.index} ${checked.detail}: fix the district boundary.`);
    polygons.push(...checked.polygons);
  }
  return polygons;
}

/** A point inside a grid (projected): its outer ring's centroid when inside, else the pole of inaccessibility. */
export function interiorPoint(polygons: Polygons): Pair {
  const part = polygons.reduce((best, p) => (areaOf([p]) > areaOf([best]) ? p : best));
  const ring = part[0] as Pair[];
  const a = signedArea(ring);
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const p = ring[j] as Pair;
    const q = ring[i] as Pair;
    const f = p[0] * q[1] - q[0] * p[1];
    cx += (p[0] + q[0]) * f;
    cy += (p[1] + q[1]) * f;
  }
  const c: Pair = [cx / (6 * a), cy / (6 * a)];
  if (a !== 0 && contains(polygons, c)) return c;
  const pole = polylabel(part, 0.5);
  return [pole[0], pole[1]];
}

export interface CommunityFinding {
  /** Index into the grids given. */
  grid: number;
  /** The community the point lies in (polygons) or is nearest to (points); undefined: in none. */
  found?: Community;
  /** Points: how far the nearest community point is, metres. */
  distanceM?: number;
}

/**
 * Where each grid lies among the communities: for polygons, the community containing the grid's interior
 * point; for points, the nearest community point. Returns the community found for every grid.
 */
export function locateInCommunities(gridPoints: readonly Pair[], communities: Communities, proj: LocalProjection): CommunityFinding[] {
  if (communities.kind === 'points') {
    const pts = communities.items.map((c) => proj.forward((c.point as Pair)[0], (c.point as Pair)[1]));
    const index = new Flatbush(pts.length);
    for (const [x, y] of pts) index.add(x, y, x, y);
    index.finish();
    return gridPoints.map((p, grid) => {
      const nearest = index.neighbors(p[0], p[1], 1)[0] as number;
      const q = pts[nearest] as Pair;
      return { grid, found: communities.items[nearest] as Community, distanceM: Math.hypot(p[0] - q[0], p[1] - q[1]) };
    });
  }
  const areas = communities.items.map((c) => projectPolygons(c.polygons as Polygons, proj));
  const index = new Flatbush(areas.length);
  for (const a of areas) {
    const b = boxOf(a);
    index.add(b[0], b[1], b[2], b[3]);
  }
  index.finish();
  return gridPoints.map((p, grid) => {
    const hit = index
      .search(p[0], p[1], p[0], p[1])
      .sort((a, b) => a - b)
      .find((i) => contains(areas[i] as Polygons, p));
    return hit === undefined ? { grid } : { grid, found: communities.items[hit] as Community };
  });
}
