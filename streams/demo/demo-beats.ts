import type { Place } from '../../app/city/city';
import type { LngLat } from '../../app/geo/lnglat';
import type { ResponsibilityGrid } from '../../app/grid/unit-grid';
import type { GridSet } from '../grids/grid-set';
import { unitIdFor } from '../simulator/patrol-simulator';
import type { Beat } from '../simulator/patrol-simulator';
import type { Rng } from '../simulator/walker';

/**
 * The demo city's responsibility grids (责任网格): one per street, its inspectors dealt out round-robin,
 * as a centre would post a team to each street. Deterministic for a given grid set and patrol count.
 */
export function demoResponsibility(grids: GridSet, places: readonly Place[], patrols: number, adcode: string): ResponsibilityGrid[] {
  const byStreet = new Map<string, string[]>();
  for (const f of grids.features) {
    const list = byStreet.get(f.properties.street) ?? [];
    list.push(f.properties.code);
    byStreet.set(f.properties.street, list);
  }
  const streets = [...byStreet.keys()].sort();
  const nameOf = (code: string) => places.find((p) => p.code === code)?.shortName ?? code;
  return streets.map((street, k) => ({
    id: `street-${street}`,
    name: nameOf(street),
    grids: byStreet.get(street) as string[],
    inspectors: Array.from({ length: patrols }, (_, i) => i)
      .filter((i) => i % streets.length === k)
      .map((i) => unitIdFor(adcode, i)),
  }));
}

/** Where each simulated inspector walks: inside the grids of their responsibility grid. */
export function demoBeats(grids: GridSet, responsibility: readonly ResponsibilityGrid[], patrols: number, adcode: string): Beat[] {
  const beatOf = new Map<string, Beat>();
  for (const r of responsibility) {
    const own = new Set(r.grids);
    const centres = r.grids.map((code) => {
      const ring = (grids.byCode.get(code)?.geometry.coordinates[0] ?? []) as number[][];
      const n = Math.max(1, ring.length - 1);
      let x = 0;
      let y = 0;
      for (const p of ring.slice(0, n)) {
        x += p[0] ?? 0;
        y += p[1] ?? 0;
      }
      return [x / n, y / n] as LngLat;
    });
    const beat: Beat = {
      contains: (p) => {
        const grid = grids.locator.locate(p[0], p[1]).grid;
        return grid !== undefined && own.has(grid);
      },
      randomPoint: (rng: Rng) => centres[Math.floor(rng() * centres.length)] ?? [0, 0],
    };
    for (const unit of r.inspectors) beatOf.set(unit, beat);
  }
  return Array.from({ length: patrols }, (_, i) => beatOf.get(unitIdFor(adcode, i)) as Beat);
}
