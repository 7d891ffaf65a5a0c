import { describe, expect, it } from 'vitest';
import { formatRate, formatScore, niceMax } from './figures';
import { flowFunnel, groupCounts } from './funnel';

const tiles = { reported: 200, filed: 180, dispatched: 171, handled: 90, closed: 0, closeRate: 0, onTimeCloseRate: 0, overdue: 3 };

describe('funnel maths', () => {
  it('scales the funnel to its widest step and gives each step’s share of the one before', () => {
    const f = flowFunnel(tiles);
    expect(f.map((s) => s.width)).toEqual([1, 0.9, 0.855, 0.45, 0]);
    expect(f.map((s) => s.ofPrev)).toEqual([null, 0.9, 0.95, 90 / 171, 0]);
  });

  it('takes the widest step as the scale when filing outruns reporting (cases carried over)', () => {
    const f = flowFunnel({ ...tiles, reported: 100, filed: 200 });
    expect(f[0]?.width).toBe(0.5);
    expect(f[1]?.width).toBe(1);
    expect(f[1]?.ofPrev).toBe(2);
  });

  it('has no shares of nothing', () => {
    const f = flowFunnel({ ...tiles, reported: 0, filed: 0, dispatched: 0, handled: 0, closed: 0 });
    expect(f.map((s) => s.width)).toEqual([0, 0, 0, 0, 0]);
    expect(f.every((s) => s.ofPrev === null)).toBe(true);
  });

  it('sums open cases per stage group in workflow order, leaving closed and void out', () => {
    const g = groupCounts([
      { stage: 'reported', n: 2 },
      { stage: 'accepted', n: 3 },
      { stage: 'handling', n: 5 },
      { stage: 'extending', n: 1 },
      { stage: 'closed', n: 99 },
      { stage: 'parked', n: 4 },
    ]);
    expect(g.groups).toEqual([
      { group: 'intake', n: 5 },
      { group: 'dispatch', n: 0 },
      { group: 'handling', n: 6 },
      { group: 'check', n: 0 },
      { group: 'parked', n: 4 },
    ]);
    expect(g.total).toBe(15);
  });
});

describe('figures', () => {
  it('writes rates on 0–100 %, and a dash when there is no base', () => {
    expect(formatRate(0.98765)).toBe('98.8%');
    expect(formatRate(1)).toBe('100%');
    expect(formatRate(0)).toBe('0.0%');
    expect(formatRate(0, false)).toBe('—');
    expect(formatScore(87.25)).toBe('87.3');
  });

  it('moves axis tops in 1-2-5 steps only', () => {
    expect([0, 1, 3, 7, 10, 11, 180, 201, 5000].map(niceMax)).toEqual([1, 1, 5, 10, 10, 20, 200, 500, 5000]);
  });
});
