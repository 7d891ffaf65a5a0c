import { describe, expect, it } from 'vitest';
import { Compile } from 'typebox/compile';
import { CityInfo } from '../../app/city/city';
import { loadDemoCity } from './demo-city';

describe('demo city', () => {
  it('ships Shijingshan in WGS84 with its streets, and validates as CityInfo', async () => {
    const city = await loadDemoCity();
    expect(Compile(CityInfo).Check(city)).toBe(true);
    const [w, s, e, n] = city.bounds;
    // Shijingshan lies roughly between 116.07–116.26 E and 39.87–40.00 N (WGS84).
    expect(w).toBeGreaterThan(116.0);
    expect(e).toBeLessThan(116.3);
    expect(s).toBeGreaterThan(39.85);
    expect(n).toBeLessThan(40.02);
    const streets = city.places.filter((p) => p.level === 'street').map((p) => p.shortName);
    expect(streets).toContain('八宝山街道');
    expect(streets).toContain('鲁谷街道');
  });
});
