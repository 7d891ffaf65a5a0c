import { describe, expect, it } from 'vitest';
import type { Coverage } from '../../app/grid/grid-channels';
import { percent, summarizeCoverage } from './coverage-summary';

const c = (id: string, name: string, visited: number, total: number, inspectors: Coverage['inspectors'] = []): Coverage => ({
  id,
  name,
  total,
  visited: Array.from({ length: visited }, (_, i) => `11010701100200${i}`.slice(0, 15)),
  share: visited / total,
  inspectors,
});

describe('today’s coverage for the panel', () => {
  it('lists the least covered responsibility grids first, with totals', () => {
    const s = summarizeCoverage([c('a', '鲁谷一片', 8, 10), c('b', '八角一片', 2, 10), c('c', '古城一片', 2, 10)]);
    expect(s.rows.map((r) => r.id)).toEqual(['b', 'c', 'a']);
    expect(s.visited).toBe(12);
    expect(s.total).toBe(30);
    expect(s.share).toBeCloseTo(0.4, 9);
    expect(summarizeCoverage([]).share).toBe(0);
  });

  it('puts each grid’s inspectors best first', () => {
    const s = summarizeCoverage([c('a', 'x', 5, 10, [{ unitId: 'u2', visited: 1, share: 0.1 }, { unitId: 'u1', visited: 4, share: 0.4 }])]);
    expect(s.rows[0]?.inspectors.map((i) => i.unitId)).toEqual(['u1', 'u2']);
  });

  it('never rounds up to 100% before every grid is visited', () => {
    expect(percent(0.996)).toBe('99%');
    expect(percent(1)).toBe('100%');
    expect(percent(0.634)).toBe('63%');
  });
});
