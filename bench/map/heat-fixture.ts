import type { UnitGridCollection } from '../../app/grid/unit-grid';

/** A small seeded generator (mulberry32): the same points every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function bboxOf(ring: number[][]): [number, number, number, number] {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of ring as Array<[number, number]>) [w, s, e, n] = [Math.min(w, x), Math.min(s, y), Math.max(e, x), Math.max(n, y)];
  return [w, s, e, n];
}

/**
 * `n` report points over a district's grids, as a city's reports fall: most around a few dozen hotspots
 * (markets, schools, building sites), the rest anywhere. Interleaved lon, lat (the `/api/grids/points` form).
 */
export function heatFixture(grids: UnitGridCollection, n: number, seed = 7): Float64Array {
  const rnd = random(seed);
  const boxes = grids.features.map((f) => {
    const g = f.geometry;
    return bboxOf((g.type === 'Polygon' ? g.coordinates[0] : g.coordinates[0]?.[0]) as number[][]);
  });
  if (!boxes.length) throw new Error('no grids to put heat points in');
  const pick = () => boxes[Math.floor(rnd() * boxes.length)] as [number, number, number, number];
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
