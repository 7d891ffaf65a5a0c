import { describe, expect, it } from 'vitest';
import type { Place } from './city';
import { NearestPlaceLocator } from './place-locator';

const place = (code: string, street: string, lon: number, lat: number): Place => ({
  code,
  name: code,
  shortName: code,
  level: code === street ? 'street' : 'community',
  street,
  lon,
  lat,
});

describe('NearestPlaceLocator', () => {
  const locator = new NearestPlaceLocator([
    place('110107001000', '110107001000', 116.23, 39.9),
    place('110107001001', '110107001000', 116.24, 39.904),
    place('110107001002', '110107001000', 116.231, 39.895),
    place('110107011000', '110107011000', 116.219, 39.897),
  ]);

  it('assigns a point to the street and community of the nearest places', () => {
    expect(locator.locate(116.241, 39.905)).toEqual({ street: '110107001000', community: '110107001001' });
    // Nearest to 八宝山's street centre: the community is the nearest one of that street.
    expect(locator.locate(116.2301, 39.899)).toEqual({ street: '110107001000', community: '110107001002' });
    // 鲁谷 has no community point here: street only.
    expect(locator.locate(116.2185, 39.8965)).toEqual({ street: '110107011000' });
  });

  it('assigns nothing far from every place', () => {
    expect(locator.locate(117.5, 39.9)).toEqual({});
  });
});
