import { describe, expect, it } from 'vitest';
import { fromWgs84, toWgs84 } from './crs';
import { distanceMeters } from './lnglat';

// Published reference pairs (lat, lon order as published):
// WGS84 ↔ GCJ-02 from the eviltransform test suite (googollee/eviltransform and its ports).
const GCJ_REFERENCES = [
  { place: 'Shanghai', wgs: [31.1774276, 121.5272106], gcj: [31.17530398364597, 121.531541859215] },
  { place: 'Shenzhen', wgs: [22.543847, 113.912316], gcj: [22.540796131694766, 113.9171764808363] },
  { place: 'Beijing', wgs: [39.911954, 116.377817], gcj: [39.91334545536069, 116.38404722455657] },
] as const;

// BD-09 ↔ GCJ-02 from the coordtransform reference example (wandergis/coordtransform), lon, lat.
const BD_REFERENCE = { bd: [116.404, 39.915], gcj: [116.39762729119315, 39.90865673957631] } as const;

describe('coordinate conversion to WGS84', () => {
  it.each(GCJ_REFERENCES)('GCJ-02 → WGS84 lands within 1 m of the reference in $place', ({ wgs, gcj }) => {
    const got = toWgs84(gcj[1], gcj[0], 'gcj02');
    expect(distanceMeters(got, [wgs[1], wgs[0]])).toBeLessThan(1);
  });

  it.each(GCJ_REFERENCES)('WGS84 → GCJ-02 reproduces the reference in $place', ({ wgs, gcj }) => {
    expect(distanceMeters(fromWgs84(wgs[1], wgs[0], 'gcj02'), [gcj[1], gcj[0]])).toBeLessThan(0.01);
  });

  it('BD-09 → WGS84 agrees with the reference BD-09 → GCJ-02 step, then the GCJ-02 inverse', () => {
    const viaGcj = toWgs84(BD_REFERENCE.gcj[0], BD_REFERENCE.gcj[1], 'gcj02');
    expect(distanceMeters(toWgs84(BD_REFERENCE.bd[0], BD_REFERENCE.bd[1], 'bd09'), viaGcj)).toBeLessThan(1);
  });

  it('round-trips Shijingshan positions through GCJ-02 and BD-09 within 1 m', () => {
    for (const p of [[116.2231, 39.9065], [116.1198, 39.9551], [116.2449, 39.8978]] as const) {
      for (const crs of ['gcj02', 'bd09'] as const) {
        const there = fromWgs84(p[0], p[1], crs);
        expect(distanceMeters(toWgs84(there[0], there[1], crs), p)).toBeLessThan(1);
      }
    }
  });

  it('leaves WGS84 alone', () => {
    expect(toWgs84(116.2, 39.9, 'wgs84')).toEqual([116.2, 39.9]);
  });
});
