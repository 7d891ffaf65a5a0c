import { describe, expect, it } from 'vitest';
import { LatencyHistogram, percentile } from './stats';

describe('bench statistics', () => {
  it('computes nearest-rank percentiles', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(xs, 50)).toBe(50);
    expect(percentile(xs, 99)).toBe(99);
    expect(percentile([], 99)).toBe(0);
  });

  it('agrees with the histogram, and merges', () => {
    const h = new LatencyHistogram();
    for (let i = 1; i <= 100; i++) h.add(i);
    expect(h.quantile(50)).toBe(50);
    expect(h.quantile(99)).toBe(99);
    const g = new LatencyHistogram();
    g.merge(h.toJSON());
    expect(g.count).toBe(100);
    expect(g.quantile(99)).toBe(99);
  });
});
