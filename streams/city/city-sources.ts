import polylabel from 'polylabel';
import { shortPlaceName, type CityInfo, type LocalizedText, type Place } from '../../app/city/city';
import type { BBox } from '../../app/geo/lnglat';
import { checkDegrees, InputError, positionsOf, readGeoJsonFile, type InputFeature } from '../grids/io/read-geojson';

/** A district boundary: WGS84 polygons (rings of [lon, lat]) and their bounds. */
export interface Boundary {
  polygons: number[][][][];
  bounds: BBox;
}

function boundsOf(polygons: number[][][][]): BBox {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  for (const poly of polygons)
    for (const ring of poly)
      for (const [lon, lat] of ring) {
        if (lon === undefined || lat === undefined) continue;
        w = Math.min(w, lon);
        s = Math.min(s, lat);
        e = Math.max(e, lon);
        n = Math.max(n, lat);
      }
  return [w, s, e, n];
}

/** Reads a district boundary file: one or more Polygon/MultiPolygon features, WGS84. */
export async function readBoundary(file: string): Promise<Boundary> {
  const features = await readGeoJsonFile(file);
  const polygons: number[][][][] = [];
  for (const f of features) {
    const g = f.geometry;
    if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) {
      throw new InputError(file, `feature ${f.index} is a ${g?.type ?? 'feature without geometry'}, but a district boundary must be a Polygon or MultiPolygon.`);
    }
    checkDegrees(positionsOf(g.coordinates), file, f.index);
    polygons.push(...((g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as number[][][][]));
  }
  return { polygons, bounds: boundsOf(polygons) };
}

const CODE = /^[0-9]{12}$/;

function placeOf(f: InputFeature, file: string): Place {
  const code = String(f.properties.code ?? '');
  const name = String(f.properties.name ?? '').trim();
  if (!CODE.test(code)) throw new InputError(file, `feature ${f.index} has code "${code}": places need their 12-digit statistical code (统计用区划代码) in "code".`);
  if (!name) throw new InputError(file, `feature ${f.index} (${code}) has no "name".`);
  const g = f.geometry;
  let lon: number;
  let lat: number;
  if (g?.type === 'Point') {
    checkDegrees(positionsOf(g.coordinates), file, f.index);
    [lon, lat] = g.coordinates as [number, number];
  } else if (g?.type === 'Polygon' || g?.type === 'MultiPolygon') {
    checkDegrees(positionsOf(g.coordinates), file, f.index);
    const first = (g.type === 'Polygon' ? g.coordinates : (g.coordinates as unknown[])[0]) as [number, number][][];
    [lon, lat] = polylabel(first, 1e-5) as unknown as [number, number];
  } else throw new InputError(file, `feature ${f.index} (${code}) is a ${g?.type ?? 'feature without geometry'}; places are Points or Polygons.`);
  const street = `${code.slice(0, 9)}000`;
  const place: Place = { code, name, shortName: shortPlaceName(name), level: code.endsWith('000') ? 'street' : 'community', street, lon, lat };
  if (f.properties.approximate === true) place.approximate = true;
  return place;
}

/** Reads a district's street and community places (points, or polygons placed at their label point). */
export async function readPlaces(file: string): Promise<Place[]> {
  const seen = new Set<string>();
  return (await readGeoJsonFile(file)).map((f) => {
    const p = placeOf(f, file);
    if (seen.has(p.code)) throw new InputError(file, `feature ${f.index} repeats the place code ${p.code}.`);
    seen.add(p.code);
    return p;
  });
}

export interface CityFacts {
  adcode: string;
  district: LocalizedText;
  centreName: LocalizedText;
  boundary: Boundary;
  places: Place[];
  attribution: string;
  timeZone: string;
}

export function cityInfo(f: CityFacts): CityInfo {
  return {
    adcode: f.adcode,
    district: f.district,
    centreName: f.centreName,
    outline: f.boundary.polygons,
    bounds: [...f.boundary.bounds] as [number, number, number, number],
    places: f.places,
    attribution: f.attribution,
    timeZone: f.timeZone,
  };
}
