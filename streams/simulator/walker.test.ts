import { describe, expect, it } from 'vitest';
import { distanceMeters } from '../../app/geo/lnglat';
import { loadDemoCity } from '../city/demo-city';
import { DistrictArea } from './district-area';
import { seededRng, stepWalker, type Walker } from './walker';

describe('simulated patrols', () => {
  it('walk at their speed and never leave the district', async () => {
    const area = new DistrictArea(await loadDemoCity());
    const rng = seededRng(7);
    let walkers: Walker[] = Array.from({ length: 20 }, (_, i) => ({
      unitId: `p${i}`,
      pos: area.randomPoint(rng),
      heading: rng() * 360,
      cruise: i % 2 ? 1.3 : 4,
      speed: 0,
      pausedFor: 0,
    }));
    for (const w of walkers) expect(area.contains(w.pos)).toBe(true);
    for (let step = 0; step < 600; step++) {
      const next = walkers.map((w) => stepWalker(w, 1, rng, area.contains));
      next.forEach((w, i) => {
        expect(area.contains(w.pos)).toBe(true);
        // Never faster than 1.2 × cruise: no teleporting.
        expect(distanceMeters(walkers[i]!.pos, w.pos)).toBeLessThanOrEqual(w.cruise * 1.2 + 1e-6);
      });
      walkers = next;
    }
  });

  it('is deterministic for a seed', () => {
    const a = seededRng(42);
    const b = seededRng(42);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });
});
