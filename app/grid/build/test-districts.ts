import { localTransverseMercator } from '../../geo/local-projection';
import type { Box, MultiPolygon, Pair } from './planar';
import type { Place } from './places';

/**
 * Small districts for tests, laid out in metres around a centre so their cells can be checked by hand:
 * boxes in the local transverse Mercator that `grid build` will itself choose (the centre is rounded to
 * 0.001°, and a symmetric district's bounding box is centred on it).
 */
export const CENTRE: Pair = [116.2, 39.9];
const tm = localTransverseMercator(CENTRE);

export function lonLatBox(b: Box): MultiPolygon {
  const corners: Pair[] = [
    [b[0], b[1]],
    [b[2], b[1]],
    [b[2], b[3]],
    [b[0], b[3]],
    [b[0], b[1]],
  ];
  return [[corners.map(([x, y]) => tm.inverse(x, y) as Pair)]];
}

export function lonLatPoint(x: number, y: number): Pair {
  return tm.inverse(x, y) as Pair;
}

/** A community (or street) given as an area, box in local metres. */
export function areaPlace(code: string, b: Box, name?: string): Place {
  return { code, level: code.endsWith('000') ? 'street' : 'community', polygon: lonLatBox(b), file: 'test.geojson', index: 0, ...(name ? { name } : {}) };
}

/** A community (or street) given as a centre point in local metres. */
export function pointPlace(code: string, x: number, y: number, name?: string): Place {
  return { code, level: code.endsWith('000') ? 'street' : 'community', point: lonLatPoint(x, y), file: 'test.geojson', index: 0, ...(name ? { name } : {}) };
}
