import { describe, expect, it } from 'vitest';
import { stateChanges } from './feature-states';

describe('per-grid state changes', () => {
  it('touches only what changed', () => {
    const prev = new Map([['a', 1], ['b', 2], ['c', 3]]);
    const next = new Map([['b', 2], ['c', 4], ['d', 1]]);
    expect(stateChanges(prev, next)).toEqual({ set: [['c', 4], ['d', 1]], remove: ['a'] });
    expect(stateChanges(next, next)).toEqual({ set: [], remove: [] });
  });
});
