import type { Coverage } from '../../app/grid/grid-channels';

/** A grid's coverage state on the map: 2 visited today, 1 not yet (in a responsibility grid), none outside any. */
export type CoverageState = 1 | 2;

/**
 * Which grids to paint for today's coverage: every grid of each responsibility grid (from the grids'
 * `responsibility`), visited or not; visited grids the hall names are painted even when the grid set
 * does not say which responsibility grid they belong to.
 */
export function coverageStates(coverages: Iterable<Coverage>, byResponsibility: ReadonlyMap<string, readonly string[]> | undefined): Map<string, CoverageState> {
  const states = new Map<string, CoverageState>();
  for (const c of coverages) {
    for (const code of byResponsibility?.get(c.id) ?? []) states.set(code, 1);
    for (const code of c.visited) states.set(code, 2);
  }
  return states;
}
