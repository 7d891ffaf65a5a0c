import { describe, expect, it } from 'vitest';
import Type from 'typebox';
import Value from 'typebox/value';
import { ChannelRegistry, defineChannel } from './channel';
import { applyDelta, applyPingSeq, latestOf, recentOf, viewFromSnapshot, type ApplyContext } from './live-view';
import { ClientHello, ServerMessage, type Snapshot } from './protocol';

// Two channels defined here, in the test: the view is generic over whatever channels a surface registers.
const Dot = Type.Object({ id: Type.String({ pattern: '^[a-z0-9]+$' }), x: Type.Number() });
const dots = defineChannel({ name: 'dots', schema: Dot, merge: 'latest', key: (d) => d.id, tags: () => ({}) });
const Note = Type.Object({ id: Type.String(), text: Type.String() });
const notes = defineChannel({ name: 'notes', schema: Note, merge: 'append', keep: 3, key: (n) => n.id, tags: () => ({}) });

function context() {
  const dropped: Array<[string, number]> = [];
  const registry = new ChannelRegistry((schema) => (v) => Value.Check(schema, v));
  registry.register(dots);
  registry.register(notes);
  const ctx: ApplyContext = { registry, onInvalid: (c, n) => dropped.push([c, n]) };
  return { ctx, dropped };
}

const snap: Snapshot = { type: 'snapshot', epoch: 'e1', seq: 10, serverTime: 1, channels: { dots: { items: [{ id: 'p1', x: 1 }] }, notes: { items: [] } } };

describe('live view', () => {
  it('applies contiguous deltas and refuses gaps and replays', () => {
    const { ctx } = context();
    const v = viewFromSnapshot(snap, ctx);
    const r = applyDelta(v, { type: 'delta', seq: 11, serverTime: 2, channels: { dots: { upsert: [{ id: 'p1', x: 2 }] } } }, ctx);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(latestOf(r.view, dots).get('p1')?.x).toBe(2);
    expect(latestOf(v, dots).get('p1')?.x).toBe(1); // the old view is untouched
    expect(r.view.channels.get('notes')).toBe(v.channels.get('notes')); // an unchanged channel keeps its object
    expect(applyDelta(r.view, { type: 'delta', seq: 13, serverTime: 3, channels: {} }, ctx)).toEqual({ ok: false, reason: 'gap', expected: 12 });
    expect(applyDelta(r.view, { type: 'delta', seq: 11, serverTime: 3, channels: {} }, ctx)).toMatchObject({ ok: false, reason: 'stale' });
  });

  it('accepts a delta covering a range that starts right after the view', () => {
    const { ctx } = context();
    const v = viewFromSnapshot(snap, ctx);
    expect(applyDelta(v, { type: 'delta', from: 11, seq: 15, serverTime: 2, channels: {} }, ctx)).toMatchObject({ ok: true, view: { seq: 15 } });
    expect(applyDelta(v, { type: 'delta', from: 12, seq: 15, serverTime: 2, channels: {} }, ctx)).toMatchObject({ ok: false, reason: 'gap' });
  });

  it('advances on a ping that says nothing in scope happened', () => {
    const { ctx } = context();
    const v = viewFromSnapshot(snap, ctx);
    expect(applyPingSeq(v, 14).seq).toBe(14);
    expect(applyPingSeq(v, 9).seq).toBe(10);
    expect(applyPingSeq(v, undefined)).toBe(v);
  });

  it('keeps appended items newest first, bounded, without duplicates', () => {
    const { ctx } = context();
    const n = (id: string) => ({ id, text: id });
    const r = applyDelta(viewFromSnapshot(snap, ctx), { type: 'delta', seq: 11, serverTime: 2, channels: { notes: { append: [n('a'), n('b')] } } }, ctx);
    if (!r.ok) throw new Error('not applied');
    const r2 = applyDelta(r.view, { type: 'delta', seq: 12, serverTime: 3, channels: { notes: { append: [n('b'), n('c'), n('d')] } } }, ctx);
    expect(r2.ok && recentOf(r2.view, notes).map((x) => x.id)).toEqual(['d', 'c', 'b']);
  });

  it('removes keys', () => {
    const { ctx } = context();
    const r = applyDelta(viewFromSnapshot(snap, ctx), { type: 'delta', seq: 11, serverTime: 2, channels: { dots: { remove: ['p1'] } } }, ctx);
    expect(r.ok && latestOf(r.view, dots).size).toBe(0);
  });

  it('drops one bad item on its own, reports it, and keeps the rest', () => {
    const { ctx, dropped } = context();
    const bad = { ...snap, channels: { dots: { items: [{ id: 'p1', x: 1 }, { id: 'bad unit!', x: 2 }, { id: 'p3', x: 'x' }] } } };
    const v = viewFromSnapshot(bad, ctx);
    expect([...latestOf(v, dots).keys()]).toEqual(['p1']);
    expect(dropped).toEqual([['dots', 2]]);
    const r = applyDelta(v, { type: 'delta', seq: 11, serverTime: 2, channels: { dots: { upsert: [{ id: 'bad unit!', x: 3 }, { id: 'p4', x: 4 }] }, other: { upsert: [1] } } }, ctx);
    expect(r.ok && [...latestOf(r.view, dots).keys()]).toEqual(['p1', 'p4']);
    expect(dropped).toEqual([['dots', 2], ['dots', 1]]);
  });
});

describe('live protocol schemas', () => {
  it('accepts a well-formed hello and rejects junk', () => {
    const hello = { type: 'hello', protocol: 2, surface: 'wall-0', token: 't' };
    expect(Value.Check(ClientHello, hello)).toBe(true);
    expect(Value.Check(ClientHello, { ...hello, surface: 'a b' })).toBe(false);
    expect(Value.Check(ClientHello, { ...hello, protocol: 1 })).toBe(false);
    expect(Value.Check(ClientHello, { ...hello, extra: 1 })).toBe(false);
    expect(Value.Check(ClientHello, { type: 'hello', protocol: 2, surface: 'w' })).toBe(false); // no token
  });

  it('validates the envelope of server messages; items are the channels’ business', () => {
    expect(Value.Check(ServerMessage, snap)).toBe(true);
    expect(Value.Check(ServerMessage, { ...snap, channels: { dots: { items: 'x' } } })).toBe(false);
    expect(Value.Check(ServerMessage, { ...snap, channels: { 'Bad Name': { items: [] } } })).toBe(false);
  });
});
