import { describe, expect, it } from 'vitest';
import type { CityInfo } from '../../app/city/city';
import { displayTransform, WGS84_DISPLAY } from '../../app/map/display-crs';
import { fixtureAreas, fixtureGrids } from './grid-fixtures';
import { indexGrids } from './grid-index';
import { gridFeatures, gridLabelFeatures, placeFeatures } from './place-features';

const city = {
  places: [
    { code: '110107011000', name: '鲁谷街道办事处', shortName: '鲁谷街道', level: 'street', street: '110107011000', lon: 116.2, lat: 39.89 },
    { code: '110107011002', name: '五芳园社区居委会', shortName: '五芳园社区', level: 'community', street: '110107011000', lon: 116.21, lat: 39.89, approximate: true },
  ],
} as CityInfo;

describe('places and grids for the map', () => {
  it('labels areas at their label points, not their raw centres', () => {
    const f = placeFeatures(city, fixtureAreas(), WGS84_DISPLAY);
    expect(f.streets.features).toHaveLength(2);
    expect(f.streetLabels.features[0]?.geometry).toEqual({ type: 'Point', coordinates: [116.19, 39.9] });
    expect(f.streetLabels.features[1]?.properties).toMatchObject({ name: '八角街道', approximate: true });
  });

  it('falls back to the places’ points (names only) in a hall without areas', () => {
    const f = placeFeatures(city, undefined, WGS84_DISPLAY);
    expect(f.streets.features).toHaveLength(0);
    expect(f.streetLabels.features.map((x) => x.properties.name)).toEqual(['鲁谷街道']);
    expect(f.communityLabels.features[0]?.properties).toMatchObject({ name: '五芳园', approximate: true });
  });

  it('draws everything in the base map’s CRS', () => {
    const gcj = displayTransform('gcj02');
    const f = placeFeatures(city, fixtureAreas(), gcj);
    expect((f.streetLabels.features[0]?.geometry as { coordinates: number[] }).coordinates).toEqual(gcj(116.19, 39.9));
    const grids = fixtureGrids(2, 2);
    const g = gridFeatures(grids, gcj);
    expect((g.features[0]?.geometry as { coordinates: number[][][] }).coordinates[0]?.[0]).toEqual(gcj(116.17, 39.88 + 250 / 111_320));
    const labels = gridLabelFeatures(indexGrids(grids), WGS84_DISPLAY);
    expect(labels.features).toHaveLength(4);
    expect(labels.features[0]?.properties.code).toMatch(/^110107011002/);
  });
});
