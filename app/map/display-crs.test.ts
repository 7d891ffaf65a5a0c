import { describe, expect, it } from 'vitest';
import { distanceMeters } from '../geo/lnglat';
import { bboxOf, displayTransform, mapBBox, mapCoordinates, mapFeatures, mapGeometry, mapInterleaved, WGS84_DISPLAY } from './display-crs';

const gcj = displayTransform('gcj02');

describe('drawing WGS84 data on a base map', () => {
  it('leaves data alone on a WGS84 map (the same objects, no copy)', () => {
    const g = { type: 'Polygon', coordinates: [[[116.2, 39.9], [116.21, 39.9], [116.2, 39.91], [116.2, 39.9]]] };
    expect(displayTransform('wgs84')).toBe(WGS84_DISPLAY);
    expect(displayTransform(undefined)).toBe(WGS84_DISPLAY);
    expect(mapGeometry(g, WGS84_DISPLAY)).toBe(g);
    const fc = { features: [{ geometry: g }] };
    expect(mapFeatures(fc, WGS84_DISPLAY)).toBe(fc);
  });

  it('shifts to GCJ-02 by the few hundred metres Amap tiles are off in Beijing', () => {
    const [x, y] = gcj(116.2, 39.9);
    const shift = distanceMeters([116.2, 39.9], [x, y]);
    expect(shift).toBeGreaterThan(300);
    expect(shift).toBeLessThan(700);
  });

  it('maps nested coordinates at any depth, keeping altitude', () => {
    const out = mapCoordinates([[[116.2, 39.9, 50]]], (lon, lat) => [lon + 1, lat + 1]) as number[][][];
    expect(out).toEqual([[[117.2, 40.9, 50]]]);
    const g = mapGeometry({ type: 'MultiPolygon', coordinates: [[[[116, 39], [116.1, 39], [116, 39.1], [116, 39]]]] }, gcj);
    expect((g.coordinates as number[][][][])[0]?.[0]?.[0]?.[0]).toBeCloseTo(gcj(116, 39)[0], 9);
  });

  it('maps interleaved points and boxes', () => {
    const pts = mapInterleaved([116.2, 39.9, 116.25, 39.95, 1], gcj);
    expect(pts.length).toBe(4);
    expect(pts[2]).toBeCloseTo(gcj(116.25, 39.95)[0], 9);
    const b = mapBBox([116.17, 39.88, 116.26, 39.96], gcj);
    expect(b[0]).toBeGreaterThan(116.17);
    expect(b[2]).toBeGreaterThan(b[0]);
    expect(bboxOf([[[116, 39], [117, 40], [116.5, 38]]])).toEqual([116, 38, 117, 40]);
    expect(bboxOf([])).toBeUndefined();
  });
});
