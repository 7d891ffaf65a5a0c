import { describe, expect, it } from 'vitest';
import type { Place } from './city';
import { StreetLocator } from './street-locator';

const place = (code: string, street: string, lon: number, lat: number): Place => ({
  code,
  name: code,
  shortName: code,
  level: code === street ? 'street' : 'community',
  street,
  lon,
  lat,
});

describe('StreetLocator', () => {
  const locator = new StreetLocator([
    place('110107001000', '110107001000', 116.23, 39.9),
    place('110107001001', '110107001000', 116.24, 39.904),
    place('110107011000', '110107011000', 116.219, 39.897),
  ]);

  it('assigns a position to the street of the nearest place', () => {
    expect(locator.streetAt(116.241, 39.905)).toBe('110107001000'); // next to a community of 八宝山
    expect(locator.streetAt(116.2185, 39.8965)).toBe('110107011000'); // next to 鲁谷's centre
  });

  it('assigns nothing far from every place', () => {
    expect(locator.streetAt(117.5, 39.9)).toBeUndefined();
  });
});
