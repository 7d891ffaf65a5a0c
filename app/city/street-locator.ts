import type { Place } from './city';

const M_PER_DEG_LAT = 111_320;

/**
 * Which street (街道) a position lies in. Street boundaries are not published, so the area of a street is
 * approximated as the positions nearer to one of its places (street centre or community) than to any
 * other place: a Voronoi partition of the known points. Pure; a few dozen points, so a linear scan.
 */
export class StreetLocator {
  private readonly xs: Float64Array;
  private readonly ys: Float64Array;
  private readonly streets: string[];
  private readonly cosLat: number;

  constructor(places: readonly Place[]) {
    const lat0 = places.reduce((s, p) => s + p.lat, 0) / Math.max(1, places.length);
    this.cosLat = Math.cos((lat0 * Math.PI) / 180);
    this.xs = Float64Array.from(places, (p) => p.lon * this.cosLat);
    this.ys = Float64Array.from(places, (p) => p.lat);
    this.streets = places.map((p) => p.street);
  }

  /** The street code of the nearest place, or undefined when farther than `maxMeters` from every place. */
  streetAt(lon: number, lat: number, maxMeters = 5000): string | undefined {
    const x = lon * this.cosLat;
    let best = -1;
    let bestD = Infinity;
    for (let i = 0; i < this.xs.length; i++) {
      const dx = (this.xs[i] as number) - x;
      const dy = (this.ys[i] as number) - lat;
      const d = dx * dx + dy * dy;
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    }
    if (best < 0 || Math.sqrt(bestD) * M_PER_DEG_LAT > maxMeters) return undefined;
    return this.streets[best];
  }
}
