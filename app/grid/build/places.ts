import kinks from '@turf/kinks';
import polygonClipping from 'polygon-clipping';
import { multiPolygonArea, type MultiPolygon, type Pair, type Polygon, type Ring } from './planar';

/** A GeoJSON feature as read from a file (see streams/grids/io/read-geojson.ts), positions already checked. */
export interface RawFeature {
  index: number;
  properties: Record<string, unknown>;
  geometry: { type: string; coordinates: unknown } | null;
}

/** Bad input: one sentence about one file, starting with the feature it is about. */
export class FeatureProblem extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
    this.name = 'FeatureProblem';
  }
}

export type PlaceLevel = 'street' | 'community';

/** A street (街道/镇/乡) or community (社区/村) as given: a centre point or an area, in WGS84. */
export interface Place {
  code: string;
  name?: string;
  level: PlaceLevel;
  point?: Pair;
  polygon?: MultiPolygon;
  file: string;
  index: number;
}

const LEVELS: Record<string, PlaceLevel> = {
  street: 'street',
  town: 'street',
  街道: 'street',
  镇: 'street',
  乡: 'street',
  community: 'community',
  village: 'community',
  社区: 'community',
  村: 'community',
};

/** Rings closed, repeated positions dropped; undefined when a ring has fewer than 3 corners. */
function cleanRing(coords: unknown): Ring | undefined {
  if (!Array.isArray(coords)) return undefined;
  const ring: Ring = [];
  for (const p of coords as number[][]) {
    const q: Pair = [p[0] as number, p[1] as number];
    const last = ring[ring.length - 1];
    if (!last || last[0] !== q[0] || last[1] !== q[1]) ring.push(q);
  }
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) ring.push([first[0], first[1]]);
  return ring.length >= 4 ? ring : undefined;
}

/**
 * A Polygon or MultiPolygon geometry as a valid multipolygon (lon/lat), or a FeatureProblem saying what is
 * wrong with it: another geometry type, a ring with too few corners, no area, or an edge crossing another.
 */
export function areaOf(f: RawFeature, file: string, what: string): MultiPolygon {
  const g = f.geometry;
  const at = `feature ${f.index}`;
  if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) {
    throw new FeatureProblem(file, `${at} is ${g ? `a ${g.type}` : 'without geometry'}, not a Polygon or MultiPolygon: ${what} must be an area.`);
  }
  const raw = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as unknown[];
  const polygon: MultiPolygon = [];
  for (const p of Array.isArray(raw) ? raw : []) {
    const rings = (Array.isArray(p) ? p : []).map(cleanRing);
    if (rings.length === 0 || rings.some((r) => r === undefined)) {
      throw new FeatureProblem(file, `${at} has a ring with fewer than 3 distinct corners: fix or remove that ring.`);
    }
    polygon.push(rings as Polygon);
  }
  if (polygon.length === 0) throw new FeatureProblem(file, `${at} has no rings: ${what} must be an area.`);
  const crossing = kinks({ type: 'MultiPolygon', coordinates: polygon }).features[0];
  if (crossing) {
    const [x, y] = crossing.geometry.coordinates as [number, number];
    throw new FeatureProblem(file, `${at} crosses itself near (${x.toFixed(6)}, ${y.toFixed(6)}): fix the self-intersection (e.g. with a GIS "fix geometries" tool).`);
  }
  if (!(multiPolygonArea(polygon) > 0)) throw new FeatureProblem(file, `${at} encloses no area: ${what} must be an area.`);
  return polygon;
}

const codeProp = (p: Record<string, unknown>): string | undefined => {
  const v = p.adcode ?? p.code;
  return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
};

/**
 * The district boundary (lon/lat), in polygon-clipping's normal form. A file of several districts (as a province's file) is fine: the feature
 * whose `adcode` (or `code`) is the district's is taken. Several features without codes are one area.
 */
export function boundaryOf(features: RawFeature[], file: string, adcode: string): MultiPolygon {
  const coded = features.filter((f) => codeProp(f.properties) !== undefined);
  let chosen = features;
  if (coded.length > 0) {
    chosen = coded.filter((f) => codeProp(f.properties)!.slice(0, 6) === adcode);
    if (chosen.length === 0) {
      const first = coded[0]!;
      throw new FeatureProblem(
        file,
        features.length === 1
          ? `feature ${first.index} is district ${codeProp(first.properties)}, not ${adcode} (--code): give the boundary of ${adcode} or fix --code.`
          : `no feature has adcode ${adcode} (--code), among ${features.length} features: give the boundary of ${adcode} or fix --code.`,
      );
    }
  }
  // One normal form whatever the file's: rings wound one way, holes inside their outer rings, parts merged.
  const areas = chosen.map((f) => areaOf(f, file, 'the boundary'));
  return polygonClipping.union(areas[0]!, ...areas.slice(1));
}

function levelOf(f: RawFeature, file: string, code: string): PlaceLevel {
  const raw = f.properties.level;
  const byCode: PlaceLevel = code.endsWith('000') ? 'street' : 'community';
  if (raw === undefined || raw === null || raw === '') return byCode;
  const level = LEVELS[String(raw).trim().toLowerCase()];
  if (!level) {
    throw new FeatureProblem(file, `feature ${f.index} has level "${String(raw)}": a place is a street (street/town) or a community (community/village).`);
  }
  if (level !== byCode) {
    throw new FeatureProblem(
      file,
      level === 'street'
        ? `feature ${f.index} is a street with code ${code}: a street's 12-digit code ends in 000.`
        : `feature ${f.index} is a community with code ${code}, which ends in 000 like a street's: give the community's own 12-digit code.`,
    );
  }
  return level;
}

/** The streets and communities of one file, checked: codes, levels, geometry. */
export function placesOf(features: RawFeature[], file: string, adcode: string): Place[] {
  return features.map((f) => {
    const raw = f.properties.code;
    const code = typeof raw === 'number' && Number.isInteger(raw) ? String(raw) : typeof raw === 'string' ? raw.trim() : undefined;
    if (code === undefined) throw new FeatureProblem(file, `feature ${f.index} has no "code": give its 12-digit statistical code (e.g. 110107011002).`);
    if (!/^\d{12}$/.test(code)) throw new FeatureProblem(file, `feature ${f.index} has code "${code}": a street or community code is 12 digits (e.g. 110107011002).`);
    if (!code.startsWith(adcode)) {
      throw new FeatureProblem(file, `feature ${f.index} has code ${code}, which is not in district ${adcode} (--code): its first 6 digits must be ${adcode}.`);
    }
    const level = levelOf(f, file, code);
    const name = typeof f.properties.name === 'string' && f.properties.name.trim() ? f.properties.name.trim().slice(0, 64) : undefined;
    const place: Place = { code, level, file, index: f.index, ...(name ? { name } : {}) };
    const g = f.geometry;
    if (g?.type === 'Point') {
      const [lon, lat] = g.coordinates as number[];
      place.point = [lon as number, lat as number];
    } else if (g?.type === 'Polygon' || g?.type === 'MultiPolygon') {
      place.polygon = areaOf(f, file, `a ${level}`);
    } else {
      throw new FeatureProblem(file, `feature ${f.index} is ${g ? `a ${g.type}` : 'without geometry'}: give each ${level} as a Point (its centre) or a Polygon (its area).`);
    }
    return place;
  });
}

/**
 * Checks places from all files together: no code twice, and each level all points or all areas (a mix
 * cannot be partitioned consistently).
 */
export function checkPlaces(places: Place[]): void {
  const seen = new Map<string, Place>();
  for (const p of places) {
    const prior = seen.get(p.code);
    if (prior) {
      const where = prior.file === p.file ? `feature ${prior.index}` : `${prior.file} feature ${prior.index}`;
      throw new FeatureProblem(p.file, `feature ${p.index} repeats code ${p.code} of ${where}: each street and community once.`);
    }
    seen.set(p.code, p);
  }
  for (const level of ['street', 'community'] as const) {
    const of = places.filter((p) => p.level === level);
    const points = of.filter((p) => p.point);
    const areas = of.filter((p) => p.polygon);
    if (points.length > 0 && areas.length > 0) {
      const odd = points.length < areas.length ? points[0]! : areas[0]!;
      throw new FeatureProblem(
        odd.file,
        `feature ${odd.index} is a ${level} given as ${odd.point ? 'a point' : 'an area'} among ${level === 'street' ? 'streets' : 'communities'} given as ${odd.point ? 'areas' : 'points'}: give them all as Polygons or all as Points.`,
      );
    }
  }
}
