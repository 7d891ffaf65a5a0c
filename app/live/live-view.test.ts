import { describe, expect, it } from 'vitest';
import Value from 'typebox/value';
import { applyDelta, applyPingSeq, viewFromSnapshot } from './live-view';
import { ClientHello, ServerMessage, type Snapshot } from './protocol';

const snap: Snapshot = {
  type: 'snapshot',
  epoch: 'e1',
  seq: 10,
  serverTime: 1,
  patrols: [{ unitId: 'p1', lon: 116.2, lat: 39.9, ts: 1, status: 'online' }],
  cameras: [],
  reports: [],
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

  it('accepts a delta covering a range that starts right after the view', () => {
    const v = viewFromSnapshot(snap);
    expect(applyDelta(v, { type: 'delta', from: 11, seq: 15, serverTime: 2 })).toMatchObject({ ok: true, view: { seq: 15 } });
    expect(applyDelta(v, { type: 'delta', from: 12, seq: 15, serverTime: 2 })).toMatchObject({ ok: false, reason: 'gap' });
  });

  it('advances on a ping that says nothing in scope happened', () => {
    const v = viewFromSnapshot(snap);
    expect(applyPingSeq(v, 14).seq).toBe(14);
    expect(applyPingSeq(v, 9).seq).toBe(10);
    expect(applyPingSeq(v, undefined)).toBe(v);
  });

  it('keeps reports newest first, bounded', () => {
    const report = (id: string) => ({ id, ts: 1, receivedAt: 1, lon: 116, lat: 39, category: '0102', description: '', photos: [] });
    const r = applyDelta(viewFromSnapshot(snap), { type: 'delta', seq: 11, serverTime: 2, reports: [report('a'), report('b')] });
    expect(r.ok && r.view.reports.map((x) => x.id)).toEqual(['b', 'a']);
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
