import type { BBox } from '../../app/geo/lnglat';

/** The district's bounds grown by `marginKm` on every side: where fixes may plausibly come from. */
export function serviceArea(bounds: BBox, marginKm: number): BBox {
  const [w, s, e, n] = bounds;
  const dLat = marginKm / 111.32;
  const dLon = marginKm / (111.32 * Math.cos((((s + n) / 2) * Math.PI) / 180));
  return [w - dLon, s - dLat, e + dLon, n + dLat];
}
