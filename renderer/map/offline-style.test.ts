import { describe, expect, it } from 'vitest';
import type { CityInfo } from '../../app/city/city';
import { displayTransform } from '../../app/map/display-crs';
import { MAP_BANDS } from '../wall/contributions';
import { offlineStyle } from './offline-style';

const city: CityInfo = {
  adcode: '110107',
  district: { zh: '石景山区', en: 'Shijingshan' },
  centreName: { zh: '中心', en: 'Centre' },
  outline: [[[[116.1, 39.9], [116.2, 39.9], [116.2, 40], [116.1, 39.9]]]],
  bounds: [116.1, 39.9, 116.2, 40],
  places: [{ code: '110107001000', name: '八宝山街道办事处', shortName: '八宝山街道', level: 'street', street: '110107001000', lon: 116.2, lat: 39.9 }],
  attribution: 'x',
  timeZone: 'Asia/Shanghai',
};

const ids = (style: ReturnType<typeof offlineStyle>) => style.layers.map((l) => l.id);

describe('offline map style', () => {
  it('requests nothing from the network: no tiles, glyphs or sprites', () => {
    const style = offlineStyle(city, 'zh-CN');
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
    expect(JSON.stringify(style)).not.toMatch(/https?:\/\//);
    for (const source of Object.values(style.sources)) expect(source.type).toBe('geojson');
  });

  it('marks the bands modules place their layers in, fills under lines under marks under labels', () => {
    const order = ids(offlineStyle(city, 'zh-CN'));
    const at = (id: string) => order.indexOf(id);
    expect(at(MAP_BANDS.fills)).toBeGreaterThan(at('district-fill'));
    expect(at(MAP_BANDS.lines)).toBeGreaterThan(at(MAP_BANDS.fills));
    expect(at('district-line')).toBeGreaterThan(at(MAP_BANDS.lines));
    expect(at(MAP_BANDS.marks)).toBeGreaterThan(at('district-line'));
    expect(order.at(-1)).toBe(MAP_BANDS.labels);
  });

  it('puts a base map under everything of its own, and draws the outline in its CRS', () => {
    const style = offlineStyle(city, 'zh-CN', 1, displayTransform('gcj02'), {
      sources: { 'basemap-raster': { type: 'raster', tiles: ['/basemap/{z}/{x}/{y}.png'], tileSize: 256 } },
      layers: [{ id: 'basemap-raster', type: 'raster', source: 'basemap-raster' }],
    });
    expect(ids(style).slice(0, 3)).toEqual(['background', 'basemap-raster', 'district-fill']);
    const district = style.sources.district as { data: { geometry: { coordinates: number[][][][] } } };
    expect(district.data.geometry.coordinates[0]?.[0]?.[0]?.[0]).not.toBe(116.1);
  });
});
