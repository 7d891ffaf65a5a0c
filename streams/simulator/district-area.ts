import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { multiPolygon } from '@turf/helpers';
import type { CityInfo } from '../../app/city/city';
import type { LngLat } from '../../app/geo/lnglat';
import type { Rng } from './walker';

/** Point-in-district test and random starting points for the demo city's patrols. */
export class DistrictArea {
  private readonly shape;

  constructor(private readonly city: CityInfo) {
    this.shape = multiPolygon(city.outline);
  }

  contains = (p: LngLat): boolean => booleanPointInPolygon([p[0], p[1]], this.shape);

  /** A random point inside the district, near one of its streets/communities (where patrols work). */
  randomPoint(rng: Rng): LngLat {
    const places = this.city.places;
    for (let i = 0; i < 1000; i++) {
      const place = places[Math.floor(rng() * places.length)];
      if (!place) break;
      const p: LngLat = [place.lon + (rng() - 0.5) * 0.02, place.lat + (rng() - 0.5) * 0.015];
      if (this.contains(p)) return p;
    }
    const [w, s, e, n] = this.city.bounds;
    for (;;) {
      const p: LngLat = [w + rng() * (e - w), s + rng() * (n - s)];
      if (this.contains(p)) return p;
    }
  }
}
