import { describe, expect, it } from 'vitest';
import { niceMax, ReportCounts, statsItem, windowStart } from './grid-stats';

describe('grid statistics', () => {
  it('rounds the legend up to 1, 2 or 5 × 10ⁿ', () => {
    expect([0, 1, 3, 7, 10, 11, 48, 51, 230].map(niceMax)).toEqual([1, 1, 5, 10, 10, 20, 50, 100, 500]);
  });

  it('starts windows at the hall’s midnight', () => {
    const now = Date.parse('2026-11-21T03:00:00Z'); // 11:00 in Beijing
    expect(windowStart('today', now, 'Asia/Shanghai')).toBe(Date.parse('2026-11-20T16:00:00Z'));
    expect(windowStart('7d', now, 'Asia/Shanghai')).toBe(Date.parse('2026-11-14T16:00:00Z'));
  });

  it('lists only grids with a count, with a shared domain, and counts new reports as they come', () => {
    expect(statsItem('reports', '7d', 1, 2, new Map([['110107011002007', 3], ['110107011002001', 0]]))).toEqual({
      key: 'reports:7d',
      metric: 'reports',
      window: '7d',
      from: 1,
      to: 2,
      domain: [0, 5],
      counts: { '110107011002007': 3 },
      total: 3,
    });
    const c = new ReportCounts();
    c.set('today', 100, new Map());
    c.set('7d', 10, new Map([['g', 2]]));
    expect(c.add('g', 50)).toEqual(['7d']); // before today began
    expect(c.add('g', 150)).toEqual(['today', '7d']);
    expect(c.item('7d', 200)?.counts).toEqual({ g: 4 });
    // A recount that finds what the running count already had changes nothing; a new count or window start does.
    expect(c.set('7d', 10, new Map([['g', 4]]))).toBe(false);
    expect(c.set('7d', 10, new Map([['g', 5]]))).toBe(true);
    expect(c.set('7d', 20, new Map([['g', 5]]))).toBe(true);
    expect(c.set('today', 100, new Map([['h', 1]]))).toBe(true);
  });
});
