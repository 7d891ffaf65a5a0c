import { describe, expect, it } from 'vitest';
import { FRESH_MS, FreshTracker } from './fresh-marks';

describe('fresh cases', () => {
  it('highlights only cases that arrive after the first snapshot, for a while', () => {
    const t = new FreshTracker();
    t.observe(['a'], 0, false); // no snapshot yet: nothing is noted
    t.observe(['a', 'b'], 100, true);
    expect(t.isFresh('a', 100)).toBe(false);
    expect(t.isFresh('b', 100)).toBe(false);
    t.observe(['a', 'b', 'c'], 200, true);
    expect(t.isFresh('c', 200)).toBe(true);
    expect(t.isFresh('c', 200 + FRESH_MS)).toBe(false);
  });

  it('forgets cases that left, so a reopened one is new again', () => {
    const t = new FreshTracker();
    t.observe(['a'], 0, true);
    t.observe([], 10, true);
    t.observe(['a'], 20, true);
    expect(t.isFresh('a', 20)).toBe(true);
  });
});
