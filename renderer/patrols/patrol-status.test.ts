import { describe, expect, it } from 'vitest';
import type { PatrolState } from '../../app/patrol/patrol';
import { countShown, shownStatus } from './patrol-status';

const silence = { staleAfterMs: 30_000, offlineAfterMs: 120_000 };
const p = (seenAt: number, status: PatrolState['status'] = 'online'): PatrolState => ({ unitId: 'u', lon: 116, lat: 39.9, ts: seenAt, seenAt, status });

describe('the status a wall shows', () => {
  it('ages a patrol on the wall’s clock when no word comes from the hall', () => {
    expect(shownStatus(p(0), 10_000, silence)).toBe('online');
    expect(shownStatus(p(0), 40_000, silence)).toBe('stale');
    expect(shownStatus(p(0), 130_000, silence)).toBe('offline');
  });

  it('never shows a patrol better than the hall says', () => {
    expect(shownStatus(p(0, 'offline'), 1000, silence)).toBe('offline');
  });

  it('counts what it shows', () => {
    expect(countShown([p(0), p(100_000), p(-200_000)], 110_000, silence)).toEqual({ online: 1, stale: 1, offline: 1 });
  });
});
