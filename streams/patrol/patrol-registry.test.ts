import { describe, expect, it } from 'vitest';
import type { PatrolState } from '../../app/patrol/patrol';
import { PatrolRegistry } from './patrol-registry';

const silence = { staleAfterMs: 30_000, offlineAfterMs: 120_000 };

describe('PatrolRegistry', () => {
  it('keeps the newest fix by ts and ignores duplicates and late arrivals', () => {
    const changes: PatrolState[] = [];
    const r = new PatrolRegistry(silence, (p) => changes.push(p));
    expect(r.applyFix({ unitId: 'a', lon: 116.2, lat: 39.9, ts: 2000 }, 0)).toBe('accepted');
    expect(r.applyFix({ unitId: 'a', lon: 116.3, lat: 39.9, ts: 2000 }, 10)).toBe('duplicate');
    expect(r.applyFix({ unitId: 'a', lon: 116.1, lat: 39.9, ts: 1000 }, 20)).toBe('out-of-order');
    expect(r.get('a')?.lon).toBe(116.2);
    expect(changes).toHaveLength(1);
  });

  it('turns a silent patrol stale, then offline, and back online with a new fix', () => {
    const changes: PatrolState[] = [];
    const r = new PatrolRegistry(silence, (p) => changes.push(p));
    r.applyFix({ unitId: 'a', lon: 116.2, lat: 39.9, ts: 1 }, 0);
    r.sweep(29_999);
    expect(r.get('a')?.status).toBe('online');
    r.sweep(30_000);
    expect(r.get('a')?.status).toBe('stale');
    r.sweep(120_000);
    expect(r.get('a')?.status).toBe('offline');
    r.applyFix({ unitId: 'a', lon: 116.2, lat: 39.9, ts: 2 }, 121_000);
    expect(r.get('a')?.status).toBe('online');
    expect(changes.map((c) => c.status)).toEqual(['online', 'stale', 'offline', 'online']);
  });
});
