import type { PlaceTags } from '../place/place-codes';
import type { Place } from './city';

const M_PER_DEG_LAT = 111_320;

/** Turns a point into where it is: street, community and (once grids exist) unit grid. */
export interface Locator {
  locate(lon: number, lat: number): PlaceTags;
}

/**
 * Locates by the nearest published point, for districts without street or community polygons: a point
 * belongs to the street of the nearest place (street centre or community), and to the nearest community
 * of that street. A Voronoi partition of the known points, so the result is approximate, and the wall
 * says so. Pure; a few hundred points, so a linear scan.
 */
export class NearestPlaceLocator implements Locator {
  private readonly xs: Float64Array;
  private readonly ys: Float64Array;
  private readonly places: readonly Place[];
  private readonly cosLat: number;

  constructor(
    places: readonly Place[],
    private readonly maxMeters = 5000,
  ) {
    const lat0 = places.reduce((s, p) => s + p.lat, 0) / Math.max(1, places.length);
    this.cosLat = Math.cos((lat0 * Math.PI) / 180);
    this.places = places;
    this.xs = Float64Array.from(places, (p) => p.lon * this.cosLat);
    this.ys = Float64Array.from(places, (p) => p.lat);
  }

  private nearest(lon: number, lat: number, accept: (p: Place) => boolean): Place | undefined {
    const x = lon * this.cosLat;
    let best = -1;
    let bestD = Infinity;
    for (let i = 0; i < this.xs.length; i++) {
      const dx = (this.xs[i] as number) - x;
      const dy = (this.ys[i] as number) - lat;
      const d = dx * dx + dy * dy;
      if (d < bestD && accept(this.places[i] as Place)) {
        bestD = d;
        best = i;
      }
    }
    if (best < 0 || Math.sqrt(bestD) * M_PER_DEG_LAT > this.maxMeters) return undefined;
    return this.places[best];
  }

  locate(lon: number, lat: number): PlaceTags {
    const near = this.nearest(lon, lat, () => true);
    if (!near) return {};
    const street = near.street;
    const community = near.level === 'community' ? near : this.nearest(lon, lat, (p) => p.level === 'community' && p.street === street);
    return community ? { street, community: community.code } : { street };
  }
}
