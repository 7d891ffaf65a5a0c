import { describe, expect, it } from 'vitest';
import type { PatrolState } from '../../app/patrol/patrol';
import { PatrolRegistry, type ChangeCause } from './patrol-registry';

const o = { staleAfterMs: 30_000, offlineAfterMs: 120_000, forgetAfterMs: 600_000 };

function recorder() {
  const changes: Array<{ p: PatrolState; cause: ChangeCause }> = [];
  const removed: string[] = [];
  return { changes, removed, listener: { changed: (p: PatrolState, cause: ChangeCause) => changes.push({ p, cause }), removed: (id: string) => removed.push(id) } };
}

describe('PatrolRegistry', () => {
  it('keeps the newest fix by ts and ignores duplicates and late arrivals', () => {
    const rec = recorder();
    const r = new PatrolRegistry(o, rec.listener);
    expect(r.applyFix({ unitId: 'a', lon: 116.2, lat: 39.9, ts: 2000 }, 0)).toBe('accepted');
    expect(r.applyFix({ unitId: 'a', lon: 116.3, lat: 39.9, ts: 2000 }, 10)).toBe('duplicate');
    expect(r.applyFix({ unitId: 'a', lon: 116.1, lat: 39.9, ts: 1000 }, 20)).toBe('out-of-order');
    expect(r.get('a')?.lon).toBe(116.2);
    expect(rec.changes).toHaveLength(1);
  });

  it('places a patrol with the locate service', () => {
    const r = new PatrolRegistry(o, undefined, () => ({ street: '110107001000', community: '110107001001' }));
    r.applyFix({ unitId: 'a', lon: 116.2, lat: 39.9, ts: 1 }, 5);
    expect(r.get('a')).toEqual({ unitId: 'a', lon: 116.2, lat: 39.9, ts: 1, seenAt: 5, status: 'online', street: '110107001000', community: '110107001001' });
  });

  it('turns a silent patrol stale, then offline, back online with a new fix, and forgets a ghost', () => {
    const rec = recorder();
    const r = new PatrolRegistry(o, rec.listener);
    r.applyFix({ unitId: 'a', lon: 116.2, lat: 39.9, ts: 1 }, 0);
    r.sweep(29_999);
    expect(r.get('a')?.status).toBe('online');
    r.sweep(30_000);
    expect(r.get('a')?.status).toBe('stale');
    r.sweep(120_000);
    expect(r.get('a')?.status).toBe('offline');
    r.applyFix({ unitId: 'a', lon: 116.2, lat: 39.9, ts: 2 }, 121_000);
    expect(r.get('a')?.status).toBe('online');
    expect(rec.changes.map((c) => `${c.p.status}:${c.cause}`)).toEqual(['online:fix', 'stale:sweep', 'offline:sweep', 'online:fix']);
    r.sweep(121_000 + 600_000);
    expect(r.get('a')).toBeUndefined();
    expect(rec.removed).toEqual(['a']);
  });

  it('takes states from elsewhere with the status their age implies, but not ghosts', () => {
    const r = new PatrolRegistry(o);
    const s: PatrolState = { unitId: 'b', lon: 116.2, lat: 39.9, ts: 10, seenAt: 1000, status: 'online' };
    expect(r.applyState(s, 1000 + 40_000, 'restore')).toBe(true);
    expect(r.get('b')?.status).toBe('stale');
    expect(r.applyState({ ...s, unitId: 'c' }, 1000 + 600_000, 'restore')).toBe(false);
  });
});
