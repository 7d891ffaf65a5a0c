import { describe, expect, it } from 'vitest';
import type { Coverage } from '../../app/grid/grid-channels';
import { coverageStates } from './coverage-states';

const cov = (id: string, visited: string[]): Coverage => ({ id, name: id, total: 3, visited, share: visited.length / 3, inspectors: [] });

describe('coverage on the map', () => {
  it('paints each responsibility grid’s grids visited or not, and nothing else', () => {
    const members = new Map([['beat-1', ['a', 'b', 'c']], ['beat-2', ['d']]]);
    const s = coverageStates([cov('beat-1', ['b'])], members);
    expect(Object.fromEntries(s)).toEqual({ a: 1, b: 2, c: 1 });
  });

  it('still paints visited grids when the grid set does not say who answers for them', () => {
    expect(Object.fromEntries(coverageStates([cov('beat-9', ['x'])], undefined))).toEqual({ x: 2 });
  });
});
