import { describe, expect, it } from 'vitest';
import Value from 'typebox/value';
import { applyDelta, viewFromSnapshot } from './live-view';
import { ClientHello, ServerMessage, type Snapshot } from './protocol';

const snap: Snapshot = {
  type: 'snapshot',
  epoch: 'e1',
  seq: 10,
  serverTime: 1,
  patrols: [{ unitId: 'p1', lon: 116.2, lat: 39.9, ts: 1, status: 'online' }],
  cameras: [],
};

describe('live view', () => {
  it('applies contiguous deltas and refuses gaps and replays', () => {
    const v = viewFromSnapshot(snap);
    const moved = { unitId: 'p1', lon: 116.21, lat: 39.9, ts: 2, status: 'online' as const };
    const r = applyDelta(v, { type: 'delta', seq: 11, serverTime: 2, patrols: [moved] });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.view.patrols.get('p1')?.lon).toBe(116.21);
    expect(v.patrols.get('p1')?.lon).toBe(116.2); // the old view is untouched
    expect(applyDelta(r.view, { type: 'delta', seq: 13, serverTime: 3 })).toEqual({ ok: false, reason: 'gap', expected: 12 });
    expect(applyDelta(r.view, { type: 'delta', seq: 11, serverTime: 3 })).toMatchObject({ ok: false, reason: 'stale' });
  });

  it('removes patrols', () => {
    const r = applyDelta(viewFromSnapshot(snap), { type: 'delta', seq: 11, serverTime: 2, patrolsRemoved: ['p1'] });
    expect(r.ok && r.view.patrols.size).toBe(0);
  });
});

describe('live protocol schemas', () => {
  it('accepts a well-formed hello and rejects junk', () => {
    expect(Value.Check(ClientHello, { type: 'hello', protocol: 1, surface: 'wall-0' })).toBe(true);
    expect(Value.Check(ClientHello, { type: 'hello', protocol: 1, surface: 'a b' })).toBe(false);
    expect(Value.Check(ClientHello, { type: 'hello', protocol: 2, surface: 'wall' })).toBe(false);
    expect(Value.Check(ClientHello, { type: 'hello', protocol: 1, surface: 'w', extra: 1 })).toBe(false);
  });

  it('validates server messages', () => {
    expect(Value.Check(ServerMessage, snap)).toBe(true);
    expect(Value.Check(ServerMessage, { ...snap, patrols: [{ unitId: 'p1', lon: 'x' }] })).toBe(false);
  });
});
