import { fileURLToPath } from 'node:url';
import type { CityInfo } from '../../app/city/city';
import { cityInfo, readBoundary, readPlaces } from './city-sources';

const DATA = new URL('./data/', import.meta.url);
const file = (name: string) => fileURLToPath(new URL(name, DATA));

export const SHIJINGSHAN_ATTRIBUTION =
  '行政区划与社区点位 © Vonng/adcode (CC BY 4.0)，源自国家统计局 2016 区划代码与高德行政区划；GCJ-02 转 WGS84';

/** The demo city's files: its boundary, places, and the unit grids built from them (`grid build`). */
export const DEMO_CITY_FILES = {
  boundary: file('shijingshan-outline.geojson'),
  places: file('shijingshan-places.geojson'),
  grids: file('shijingshan-grids.geojson'),
};

export interface CityOverrides {
  centreName?: string;
  timeZone?: string;
}

/** The demo city GridWall ships with: Shijingshan (石景山区), Beijing. */
export async function loadDemoCity(o: CityOverrides = {}): Promise<CityInfo> {
  const [boundary, places] = await Promise.all([readBoundary(DEMO_CITY_FILES.boundary), readPlaces(DEMO_CITY_FILES.places)]);
  return cityInfo({
    adcode: '110107',
    district: { zh: '石景山区', en: 'Shijingshan District' },
    centreName: { zh: o.centreName ?? '石景山区城市管理监督指挥中心', en: 'Shijingshan Urban Management Supervision & Command Centre' },
    boundary,
    places,
    attribution: SHIJINGSHAN_ATTRIBUTION,
    timeZone: o.timeZone ?? 'Asia/Shanghai',
  });
}
