import { destination, type LngLat } from '../../app/geo/lnglat';

/** One simulated inspector: where they are, which way they head, how fast they move. */
export interface Walker {
  unitId: string;
  pos: LngLat;
  /** Compass heading, degrees clockwise from north. */
  heading: number;
  /** Cruising speed in m/s: ~1.3 on foot, ~4 on an e-bike. */
  cruise: number;
  speed: number;
  /** Seconds left of a stop (checking a problem, writing a report). */
  pausedFor: number;
}

export type Rng = () => number;

/** Small deterministic PRNG (mulberry32) so a seeded demo city replays the same walk. */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const wrap = (deg: number) => ((deg % 360) + 360) % 360;

/**
 * Advances a walker by `dtS` seconds: a gently wandering heading, occasional stops, and a turn back
 * whenever the next step would leave the area. Pure apart from the RNG it is given.
 */
export function stepWalker(w: Walker, dtS: number, rng: Rng, inside: (p: LngLat) => boolean): Walker {
  if (w.pausedFor > 0) return { ...w, speed: 0, pausedFor: Math.max(0, w.pausedFor - dtS) };
  if (rng() < 0.004 * dtS) return { ...w, speed: 0, pausedFor: 20 + rng() * 90 };
  let heading = wrap(w.heading + (rng() - 0.5) * 40 * Math.sqrt(dtS));
  const speed = Math.max(0.3, w.cruise * (0.8 + rng() * 0.4));
  for (let attempt = 0; attempt < 8; attempt++) {
    const next = destination(w.pos, speed * dtS, heading);
    if (inside(next)) return { ...w, pos: next, heading, speed };
    heading = wrap(heading + 180 + (rng() - 0.5) * 120);
  }
  return { ...w, heading, speed: 0 };
}
