import { describe, expect, it } from 'vitest';
import type { CityInfo } from '../../app/city/city';
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

describe('offline map style', () => {
  it('requests nothing from the network: no tiles, glyphs or sprites', () => {
    const style = offlineStyle(city, 'zh-CN');
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
    expect(JSON.stringify(style)).not.toMatch(/https?:\/\//);
    for (const source of Object.values(style.sources)) expect(source.type).toBe('geojson');
  });

  it('labels streets in Chinese with the bundled font', () => {
    const style = offlineStyle(city, 'zh-CN');
    const labels = style.layers.find((l) => l.id === 'street-labels');
    expect(labels?.layout).toMatchObject({ 'text-font': ['Noto Sans SC'] });
  });
});
