import { describe, expect, it } from 'vitest';
import { destination, distanceMeters, isFiniteLngLat } from './lnglat';

describe('lnglat', () => {
  it('measures a known distance: Tian’anmen to the Shijingshan district centre is about 15.4 km', () => {
    const d = distanceMeters([116.3975, 39.9087], [116.2169, 39.9054]);
    expect(d).toBeGreaterThan(15_300);
    expect(d).toBeLessThan(15_500);
  });

  it('destination and distance agree', () => {
    const from = [116.2, 39.9] as const;
    for (const bearing of [0, 45, 90, 180, 270]) {
      const to = destination(from, 250, bearing);
      expect(distanceMeters(from, to)).toBeCloseTo(250, 3);
    }
  });

  it('rejects NaN, Infinity and out-of-range values', () => {
    expect(isFiniteLngLat(116, 39)).toBe(true);
    expect(isFiniteLngLat(Number.NaN, 39)).toBe(false);
    expect(isFiniteLngLat(116, Number.POSITIVE_INFINITY)).toBe(false);
    expect(isFiniteLngLat(181, 39)).toBe(false);
    expect(isFiniteLngLat(116, 91)).toBe(false);
  });
});
