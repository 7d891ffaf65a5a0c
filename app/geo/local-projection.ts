import proj4 from 'proj4';
import type { LngLat } from './lnglat';

/** A local metric projection: metres east and north of a centre, and back. */
export interface LocalProjection {
  /** proj4 definition, stored with what was laid in it (a lattice). */
  def: string;
  forward(lon: number, lat: number): [number, number];
  inverse(x: number, y: number): [number, number];
}

/**
 * Transverse Mercator on the WGS84 ellipsoid centred on a district: distances and areas within a few
 * tens of km of the centre are true to better than 1e-5, so a 100 m lattice laid in it is 100 m on the
 * ground. Rounded centre, so the same district gives the same projection (and the same grid codes).
 */
export function localTransverseMercator(center: LngLat): LocalProjection {
  const lon0 = Math.round(center[0] * 1000) / 1000;
  const lat0 = Math.round(center[1] * 1000) / 1000;
  return fromDef(`+proj=tmerc +lat_0=${lat0} +lon_0=${lon0} +k=1 +x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs`);
}

export function fromDef(def: string): LocalProjection {
  const p = proj4('EPSG:4326', def);
  return {
    def,
    forward: (lon, lat) => p.forward([lon, lat]) as [number, number],
    inverse: (x, y) => p.inverse([x, y]) as [number, number],
  };
}
