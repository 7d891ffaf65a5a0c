import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { shortPlaceName, type CityInfo, type Place } from '../../app/city/city';

const DATA = new URL('./data/', import.meta.url);

export const SHIJINGSHAN_ATTRIBUTION =
  '行政区划与社区点位 © Vonng/adcode (CC BY 4.0)，源自国家统计局 2016 区划代码与高德行政区划；GCJ-02 转 WGS84';

interface PolygonGeometry {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: number[][][] | number[][][][];
}
interface OutlineCollection {
  features: Array<{ geometry: PolygonGeometry }>;
}
interface PlaceCollection {
  features: Array<{
    properties: { code: string; name: string; level: 'street' | 'community'; street: string; approximate?: boolean };
    geometry: { coordinates: [number, number] };
  }>;
}

function boundsOf(polygons: number[][][][]): [number, number, number, number] {
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

/** Builds the CityInfo the wall draws from the shipped GeoJSON. Pure. */
export interface CityOverrides {
  centreName?: string;
  timeZone?: string;
}

export function cityFromGeoJson(outline: OutlineCollection, places: PlaceCollection, o: CityOverrides = {}): CityInfo {
  const geom = outline.features[0]?.geometry;
  if (!geom) throw new Error('the district outline has no feature');
  const polygons = (geom.type === 'Polygon' ? [geom.coordinates] : geom.coordinates) as number[][][][];
  return {
    adcode: '110107',
    district: { zh: '石景山区', en: 'Shijingshan District' },
    centreName: {
      zh: o.centreName ?? '石景山区城市管理监督指挥中心',
      en: 'Shijingshan Urban Management Supervision & Command Centre',
    },
    outline: polygons,
    bounds: boundsOf(polygons),
    places: places.features.map(
      (f): Place => {
        const place: Place = {
          code: f.properties.code,
          name: f.properties.name,
          shortName: shortPlaceName(f.properties.name),
          level: f.properties.level,
          street: f.properties.street,
          lon: f.geometry.coordinates[0],
          lat: f.geometry.coordinates[1],
        };
        if (f.properties.approximate) place.approximate = true;
        return place;
      },
    ),
    attribution: SHIJINGSHAN_ATTRIBUTION,
    timeZone: o.timeZone ?? 'Asia/Shanghai',
  };
}

/** The demo city GridWall ships with: Shijingshan (石景山区), Beijing. */
export async function loadDemoCity(o: CityOverrides = {}): Promise<CityInfo> {
  const [outline, places] = await Promise.all([
    readFile(fileURLToPath(new URL('shijingshan-outline.geojson', DATA)), 'utf8'),
    readFile(fileURLToPath(new URL('shijingshan-places.geojson', DATA)), 'utf8'),
  ]);
  return cityFromGeoJson(JSON.parse(outline) as OutlineCollection, JSON.parse(places) as PlaceCollection, o);
}
