import type { BBox } from '../../app/geo/lnglat';
import type { UnitGridCollection } from '../../app/grid/unit-grid';
import { bboxOf } from '../../app/map/display-crs';
import { seededRng } from '../../streams/simulator/walker';

/**
 * `n` report points over a district's grids, as a city's reports fall: most around a few dozen hotspots
 * (markets, schools, building sites), the rest anywhere. Interleaved lon, lat (the `/api/grids/points` form).
 */
export function heatFixture(grids: UnitGridCollection, n: number, seed = 7): Float64Array {
  const rnd = seededRng(seed); // the same points every run
  const boxes = grids.features
    .map((f) => bboxOf(f.geometry.type === 'Polygon' ? f.geometry.coordinates[0] : f.geometry.coordinates[0]?.[0]))
    .filter((b): b is BBox => b !== undefined);
  if (!boxes.length) throw new Error('no grids to put heat points in');
  const pick = () => boxes[Math.floor(rnd() * boxes.length)] as BBox;
  const hotspots = Array.from({ length: 40 }, () => {
    const [w, s, e, nn] = pick();
    return { lon: (w + e) / 2, lat: (s + nn) / 2, spread: 0.001 + rnd() * 0.004 };
  });
  const out = new Float64Array(n * 2);
  for (let i = 0; i < n; i++) {
    let lon: number;
    let lat: number;
    if (rnd() < 0.7) {
      const h = hotspots[Math.floor(rnd() * hotspots.length)] as (typeof hotspots)[number];
      // Box–Muller: a normal spread around the hotspot.
      const r = Math.sqrt(-2 * Math.log(1 - rnd())) * h.spread;
      const a = 2 * Math.PI * rnd();
      lon = h.lon + r * Math.cos(a);
      lat = h.lat + r * Math.sin(a) * 0.77;
    } else {
      const [w, s, e, nn] = pick();
      lon = w + rnd() * (e - w);
      lat = s + rnd() * (nn - s);
    }
    out[2 * i] = lon;
    out[2 * i + 1] = lat;
  }
  return out;
}
