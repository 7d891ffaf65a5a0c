import gcoord from 'gcoord';
import type { LngLat } from './lnglat';

/** Coordinate systems terminals may report in. GridWall stores WGS84 only and converts at the edge, once. */
export type CrsName = 'wgs84' | 'gcj02' | 'bd09';

const GCOORD = { wgs84: gcoord.WGS84, gcj02: gcoord.GCJ02, bd09: gcoord.BD09 } as const;

/**
 * Converts a position to WGS84 with gcoord (GCJ-02 inverse is iterative, error well under 1 m).
 * Call it exactly once per fix, where the fix enters the system.
 */
export function toWgs84(lon: number, lat: number, from: CrsName): LngLat {
  if (from === 'wgs84') return [lon, lat];
  const [x, y] = gcoord.transform([lon, lat], GCOORD[from], gcoord.WGS84) as [number, number];
  return [x, y];
}

/** The forward transform, for tests and for exporting to China-market map SDKs. */
export function fromWgs84(lon: number, lat: number, to: CrsName): LngLat {
  if (to === 'wgs84') return [lon, lat];
  const [x, y] = gcoord.transform([lon, lat], gcoord.WGS84, GCOORD[to]) as [number, number];
  return [x, y];
}
