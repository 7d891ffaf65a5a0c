import { destination, type LngLat } from '../geo/lnglat';

/** How far a camera's cone reaches on the map by default: a street camera sees a block, not a district. */
export const CONE_RADIUS_M = 150;

/**
 * A camera's view cone as a closed polygon ring (WGS84): a sector from the camera, centred on `heading`
 * (compass degrees, 0 = north, clockwise), `fov` degrees wide, `radiusM` long. A field of view of 360°
 * (a dome camera) is a circle. The arc has a vertex every `stepDeg` degrees at most.
 */
export function viewCone(at: LngLat, heading: number, fov: number, radiusM = CONE_RADIUS_M, stepDeg = 5): LngLat[] {
  const width = Math.min(360, Math.max(1, fov));
  const steps = Math.max(2, Math.ceil(width / stepDeg));
  const start = heading - width / 2;
  const arc: LngLat[] = [];
  for (let i = 0; i <= steps; i++) arc.push(destination(at, radiusM, start + (width * i) / steps));
  if (width >= 360) return [...arc.slice(0, -1), arc[0] as LngLat];
  return [at, ...arc, at];
}
