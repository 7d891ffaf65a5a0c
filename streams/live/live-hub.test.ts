import { describe, expect, it } from 'vitest';
import Type from 'typebox';
import { Compile } from 'typebox/compile';
import { ChannelRegistry, defineChannel, type ChannelSpec } from '../../app/live/channel';
import { applyDelta, applyPingSeq, EMPTY_VIEW, latestOf, recentOf, viewFromSnapshot, type LiveView } from '../../app/live/live-view';
import type { ServerMessage } from '../../app/live/protocol';
import type { LiveScope } from '../../app/live/scope';
import { patrolChannel } from '../../app/patrol/patrol-channel';
import type { PatrolState } from '../../app/patrol/patrol';
import type { ReportState } from '../../app/report/inspector-report';
import { reportChannel } from '../../app/report/report-channel';
import { LiveHub, type LiveSocket } from './live-hub';
import type { Viewer } from './tick';

const A = '110107001000'; // 八宝山街道
const B = '110107011000'; // 鲁谷街道

function registryOf(...specs: ChannelSpec[]): ChannelRegistry {
  const r = new ChannelRegistry((schema) => {
    const c = Compile(schema);
    return (v) => c.Check(v);
  });
  for (const s of specs) r.register(s);
  return r;
}

/** A fake socket that applies what it receives to a LiveView, exactly as the wall does, and checks order. */
class Surface implements LiveSocket {
  bufferedAmount = 0;
  closed: number | undefined;
  received: ServerMessage[] = [];
  view: LiveView = EMPTY_VIEW;
  constructor(private readonly registry: ChannelRegistry) {}
  send(text: string) {
    const m = JSON.parse(text) as ServerMessage;
    this.received.push(m);
    const ctx = { registry: this.registry, onInvalid: () => { throw new Error('the hub sent an invalid item'); } };
    if (m.type === 'snapshot') this.view = viewFromSnapshot(m, ctx);
    else if (m.type === 'delta') {
      const r = applyDelta(this.view, m, ctx);
      if (!r.ok) throw new Error(`sequence ${r.reason}: view at ${this.view.seq}, got ${m.from ?? m.seq}..${m.seq}`);
      this.view = r.view;
    } else if (m.type === 'ping') this.view = applyPingSeq(this.view, m.seq);
  }
  close(code: number) {
    this.closed = code;
  }
  patrols() {
    return latestOf(this.view, patrolChannel);
  }
  ids() {
    return [...this.patrols().keys()].sort();
  }
  reports() {
    return recentOf(this.view, reportChannel);
  }
}

const patrol = (unitId: string, lon: number, street?: string): PatrolState => ({ unitId, lon: 116 + lon / 1000, lat: 39.9, ts: lon, seenAt: lon, status: 'online', ...(street ? { street } : {}) });
const reportOf = (id: string, street: string): ReportState => ({ id, ts: 1, receivedAt: 1, lon: 116, lat: 39.9, category: '0102', description: '张三 13800000000', photos: ['/p.jpg'], unitId: 'u1', street });

function setup(initial: PatrolState[] = [], opts = {}) {
  const registry = registryOf(patrolChannel, reportChannel);
  const hub = new LiveHub(registry, { epoch: 'E', replayLimit: 5, ...opts });
  const patrols = registry.get('patrols')!;
  const reports = registry.get('reports')!;
  for (const p of initial) hub.upsert(patrols, p);
  hub.flush(0);
  const surface = () => new Surface(registry);
  return {
    hub,
    surface,
    change: (p: PatrolState) => hub.upsert(patrols, p),
    remove: (id: string) => hub.remove(patrols, id),
    report: (r: ReportState) => hub.append(reports, r),
  };
}

const city: Viewer = { scope: undefined, audience: 'full' };
const street = (s: string): Viewer => ({ scope: { streets: [s] } as LiveScope, audience: 'full' });

describe('LiveHub', () => {
  it('sends a snapshot on hello, then one delta per tick with contiguous sequence numbers', () => {
    const { hub, change, surface } = setup([patrol('a', 1)]);
    const s = surface();
    expect(hub.join(s, { viewer: city }, 0)).toEqual({ kind: 'snapshot', seq: 1 });
    change(patrol('a', 2));
    change(patrol('a', 3)); // coalesced within the tick
    change(patrol('b', 1));
    hub.flush(100);
    expect(hub.flush(200)).toBeUndefined(); // nothing changed, nothing sent
    change(patrol('a', 4));
    hub.flush(300);
    expect(s.received.map((m) => [m.type, 'seq' in m ? m.seq : undefined])).toEqual([['snapshot', 1], ['delta', 2], ['delta', 3]]);
    expect(s.patrols().get('a')?.ts).toBe(4);
    expect(s.ids()).toEqual(['a', 'b']);
  });

  it('gives a street sub-centre only its street, removing patrols that walk out', () => {
    const { hub, change, report, surface } = setup([patrol('a', 1, A), patrol('b', 1, B)]);
    const sub = surface();
    const centre = surface();
    hub.join(sub, { viewer: street(A) }, 0);
    hub.join(centre, { viewer: city }, 0);
    expect(sub.ids()).toEqual(['a']);
    change(patrol('b', 2, B)); // elsewhere: the sub-centre hears nothing…
    hub.flush(1);
    expect(sub.received).toHaveLength(1);
    hub.ping(sub, 2); // …but a ping tells it it is up to date
    expect(sub.view.seq).toBe(2);
    change(patrol('b', 3, A)); // b walks into A
    hub.flush(3);
    expect(sub.ids()).toEqual(['a', 'b']);
    change(patrol('a', 4, B)); // a walks out of A
    report(reportOf('r1', B));
    hub.flush(4);
    expect(sub.ids()).toEqual(['b']);
    expect(sub.reports()).toEqual([]);
    expect(centre.ids()).toEqual(['a', 'b']);
    expect(centre.reports().map((x) => x.id)).toEqual(['r1']);
  });

  it('coalesces latest values for a slow surface and never drops appended events, keeping its sequence contiguous', () => {
    const { hub, change, report, surface } = setup([patrol('a', 0)]);
    const slow = surface();
    const fast = surface();
    hub.join(slow, { viewer: city }, 0);
    hub.join(fast, { viewer: city }, 0);
    slow.bufferedAmount = 10 * 1024 * 1024; // its socket is not draining
    for (let i = 1; i <= 50; i++) {
      change(patrol('a', i));
      if (i % 10 === 0) report(reportOf(`r${i}`, A));
      hub.flush(i);
    }
    expect(slow.received).toHaveLength(1); // just the snapshot so far
    expect(fast.received).toHaveLength(51);
    slow.bufferedAmount = 0;
    change(patrol('a', 51));
    hub.flush(51);
    const last = slow.received.at(-1);
    expect(last).toMatchObject({ type: 'delta', from: 2, seq: 52 });
    expect(last?.type === 'delta' && last.channels.patrols?.upsert).toEqual([patrol('a', 51)]); // 51 positions became one
    expect(slow.reports().map((r) => r.id)).toEqual(['r50', 'r40', 'r30', 'r20', 'r10']);
    expect(slow.view).toEqual(fast.view);
  });

  it('disconnects a surface held back too long; it can resume', () => {
    const { hub, change, surface } = setup([], { maxHeldMs: 1000 });
    const slow = surface();
    hub.join(slow, { viewer: city }, 0);
    slow.bufferedAmount = 10 * 1024 * 1024;
    change(patrol('a', 1));
    hub.flush(100);
    change(patrol('a', 2));
    hub.flush(1200);
    expect(slow.closed).toBe(4008);
    expect(hub.clientCount).toBe(0);
  });

  it('replays what a resuming surface missed, from the same epoch only', () => {
    const { hub, change, surface } = setup();
    const s = surface();
    hub.join(s, { viewer: city }, 0);
    for (let i = 1; i <= 3; i++) {
      change(patrol('a', i));
      hub.flush(i);
    }
    hub.leave(s); // the socket dropped at seq 3
    for (let i = 4; i <= 6; i++) {
      change(patrol('a', i));
      hub.flush(i);
    }
    const back = Object.assign(surface(), { view: s.view });
    expect(hub.join(back, { viewer: city, epoch: 'E', lastSeq: 3 }, 9)).toEqual({ kind: 'resumed', from: 4, to: 6 });
    expect(back.view.seq).toBe(6);
    expect(back.patrols().get('a')?.ts).toBe(6);

    expect(hub.join(surface(), { viewer: city, epoch: 'E', lastSeq: 0 }, 9).kind).toBe('snapshot'); // the buffer holds 2..6 only
    expect(hub.join(surface(), { viewer: city, epoch: 'X', lastSeq: 4 }, 9).kind).toBe('snapshot'); // another server life
    expect(hub.join(surface(), { viewer: city, epoch: 'E', lastSeq: 99 }, 9).kind).toBe('snapshot');
  });

  it('replays through the scope, turning departures into removals', () => {
    const { hub, change, surface } = setup([patrol('a', 0, A), patrol('b', 0, A)]);
    const s = surface();
    hub.join(s, { viewer: street(A) }, 0);
    hub.leave(s);
    change(patrol('a', 1, B)); // left while the surface was away
    hub.flush(1);
    change(patrol('c', 1, B));
    hub.flush(2);
    const back = Object.assign(surface(), { view: s.view });
    hub.join(back, { viewer: street(A), epoch: 'E', lastSeq: 1 }, 3);
    expect(back.ids()).toEqual(['b']);
    change(patrol('c', 2, A));
    hub.flush(4);
    expect(back.ids()).toEqual(['b', 'c']);
  });

  it('forwards removals of latest values', () => {
    const { hub, remove, surface } = setup([patrol('a', 0, A), patrol('b', 0, B)]);
    const centre = surface();
    const sub = surface();
    hub.join(centre, { viewer: city }, 0);
    hub.join(sub, { viewer: street(A) }, 0);
    remove('a');
    remove('b');
    hub.flush(1);
    expect(centre.ids()).toEqual([]);
    expect(sub.ids()).toEqual([]);
    expect(sub.received.at(-1)).toMatchObject({ channels: { patrols: { remove: ['a'] } } }); // never b: it never saw b
  });

  it('masks personal data for exhibit surfaces, in snapshots and deltas', () => {
    const { hub, change, report, surface } = setup([patrol('sjs-007', 1, A)]);
    const visitor = surface();
    hub.join(visitor, { viewer: { scope: undefined, audience: 'exhibit' } }, 0);
    change(patrol('sjs-007', 2, A));
    report(reportOf('r9', A));
    hub.flush(1);
    const text = JSON.stringify(visitor.received);
    expect(text).not.toContain('sjs-007');
    expect(text).not.toContain('13800000000');
    expect(text).not.toContain('/p.jpg');
    expect(visitor.ids()).toHaveLength(1);
    expect(visitor.patrols().values().next().value?.ts).toBe(2); // the same dot, moving
    expect(visitor.reports()[0]).toMatchObject({ id: 'r9', category: '0102', description: '', photos: [] });
  });

  it('carries any channel a module defines, with no change to the hub', () => {
    const Alarm = Type.Object({ id: Type.String(), level: Type.Integer({ minimum: 1, maximum: 3 }), street: Type.String() });
    const alarms = defineChannel({ name: 'alarms', schema: Alarm, merge: 'latest', key: (a) => a.id, tags: (a) => ({ street: a.street }) });
    const registry = registryOf(alarms);
    const hub = new LiveHub(registry, { epoch: 'E' });
    const s = new Surface(registry);
    hub.join(s, { viewer: street(A) }, 0);
    hub.upsert(registry.get('alarms')!, { id: 'x', level: 2, street: A });
    hub.upsert(registry.get('alarms')!, { id: 'y', level: 3, street: B });
    hub.flush(1);
    expect([...latestOf(s.view, alarms).keys()]).toEqual(['x']);
  });
});
