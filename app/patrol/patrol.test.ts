import { describe, expect, it } from 'vitest';
import { countByStatus, statusAfterSilence } from './patrol';

describe('patrol status', () => {
  it('turns stale, then offline, as silence grows', () => {
    const t = { staleAfterMs: 10_000, offlineAfterMs: 60_000 };
    expect(statusAfterSilence(0, t)).toBe('online');
    expect(statusAfterSilence(9_999, t)).toBe('online');
    expect(statusAfterSilence(10_000, t)).toBe('stale');
    expect(statusAfterSilence(60_000, t)).toBe('offline');
  });

  it('counts patrols by status', () => {
    expect(countByStatus([{ status: 'online' }, { status: 'online' }, { status: 'offline' }])).toEqual({
      online: 2,
      stale: 0,
      offline: 1,
    });
  });
});
