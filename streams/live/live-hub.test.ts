import { describe, expect, it } from 'vitest';
import { applyDelta, applyPingSeq, EMPTY_VIEW, viewFromSnapshot, type LiveView } from '../../app/live/live-view';
import type { ServerMessage } from '../../app/live/protocol';
import type { PatrolState } from '../../app/patrol/patrol';
import type { ReportState } from '../../app/report/inspector-report';
import { LiveHub, type LiveSocket } from './live-hub';

const A = '110107001000'; // 八宝山街道
const B = '110107011000'; // 鲁谷街道

/** A fake socket that applies what it receives to a LiveView, exactly as the wall does, and checks order. */
class Surface implements LiveSocket {
  bufferedAmount = 0;
  closed: number | undefined;
  received: ServerMessage[] = [];
  view: LiveView = EMPTY_VIEW;
  send(text: string) {
    const m = JSON.parse(text) as ServerMessage;
    this.received.push(m);
    if (m.type === 'snapshot') this.view = viewFromSnapshot(m);
    else if (m.type === 'delta') {
      const r = applyDelta(this.view, m);
      if (!r.ok) throw new Error(`sequence ${r.reason}: view at ${this.view.seq}, got ${m.from ?? m.seq}..${m.seq}`);
      this.view = r.view;
    } else if (m.type === 'ping') this.view = applyPingSeq(this.view, m.seq);
  }
  close(code: number) {
    this.closed = code;
  }
  ids() {
    return [...this.view.patrols.keys()].sort();
  }
}

const patrol = (unitId: string, lon: number, street?: string): PatrolState => ({ unitId, lon, lat: 39.9, ts: lon, status: 'online', ...(street ? { street } : {}) });
const report = (id: string, street: string): ReportState => ({ id, ts: 1, receivedAt: 1, lon: 116, lat: 39.9, category: '0102', description: '', photos: [], street });

function setup(initial: PatrolState[] = [], opts = {}) {
  const state = new Map(initial.map((p) => [p.unitId, p]));
  const reports: ReportState[] = [];
  const hub = new LiveHub({ patrols: () => [...state.values()], cameras: () => [], reports: () => reports }, { epoch: 'E', replayLimit: 5, ...opts });
  const change = (p: PatrolState) => {
    state.set(p.unitId, p);
    hub.patrolChanged(p);
  };
  return { hub, change, reports };
}

const hello = { type: 'hello', protocol: 1, surface: 'w' } as const;

describe('LiveHub', () => {
  it('sends a snapshot on hello, then one delta per tick with contiguous sequence numbers', () => {
    const { hub, change } = setup([patrol('a', 1)]);
    const s = new Surface();
    expect(hub.join(s, hello, 0)).toEqual({ kind: 'snapshot', seq: 0 });
    change(patrol('a', 2));
    change(patrol('a', 3)); // coalesced within the tick
    change(patrol('b', 1));
    hub.flush(100);
    expect(hub.flush(200)).toBeUndefined(); // nothing changed, nothing sent
    change(patrol('a', 4));
    hub.flush(300);
    expect(s.received.map((m) => [m.type, 'seq' in m ? m.seq : undefined])).toEqual([['snapshot', 0], ['delta', 1], ['delta', 2]]);
    expect(s.view.patrols.get('a')?.lon).toBe(4);
    expect(s.ids()).toEqual(['a', 'b']);
  });

  it('gives a street sub-centre only its street, removing patrols that walk out', () => {
    const { hub, change, reports } = setup([patrol('a', 1, A), patrol('b', 1, B)]);
    const sub = new Surface();
    const centre = new Surface();
    hub.join(sub, { ...hello, scope: { streets: [A] } }, 0);
    hub.join(centre, hello, 0);
    expect(sub.ids()).toEqual(['a']);
    change(patrol('b', 2, B)); // elsewhere: the sub-centre hears nothing…
    hub.flush(1);
    expect(sub.received).toHaveLength(1);
    hub.ping(sub, 2); // …but a ping tells it it is up to date
    expect(sub.view.seq).toBe(1);
    change(patrol('b', 3, A)); // b walks into A
    hub.flush(3);
    expect(sub.ids()).toEqual(['a', 'b']);
    change(patrol('a', 4, B)); // a walks out of A
    const r = report('r1', B);
    reports.unshift(r);
    hub.reportAdded(r);
    hub.flush(4);
    expect(sub.ids()).toEqual(['b']);
    expect(sub.view.reports).toEqual([]);
    expect(centre.ids()).toEqual(['a', 'b']);
    expect(centre.view.reports.map((x) => x.id)).toEqual(['r1']);
  });

  it('coalesces positions for a slow surface and never drops reports, keeping its sequence contiguous', () => {
    const { hub, change } = setup([patrol('a', 0)]);
    const slow = new Surface();
    const fast = new Surface();
    hub.join(slow, hello, 0);
    hub.join(fast, hello, 0);
    slow.bufferedAmount = 10 * 1024 * 1024; // its socket is not draining
    for (let i = 1; i <= 50; i++) {
      change(patrol('a', i));
      if (i % 10 === 0) hub.reportAdded(report(`r${i}`, A));
      hub.flush(i);
    }
    expect(slow.received).toHaveLength(1); // just the snapshot so far
    expect(fast.received).toHaveLength(51);
    slow.bufferedAmount = 0;
    change(patrol('a', 51));
    hub.flush(51);
    const last = slow.received.at(-1);
    expect(last).toMatchObject({ type: 'delta', from: 1, seq: 51 });
    expect(last?.type === 'delta' && last.patrols).toEqual([patrol('a', 51)]); // 51 positions became one
    expect(slow.view.reports.map((r) => r.id)).toEqual(['r50', 'r40', 'r30', 'r20', 'r10']);
    expect(slow.view).toEqual(fast.view);
  });

  it('disconnects a surface held back too long; it can resume', () => {
    const { hub, change } = setup([], { maxHeldMs: 1000 });
    const slow = new Surface();
    hub.join(slow, hello, 0);
    slow.bufferedAmount = 10 * 1024 * 1024;
    change(patrol('a', 1));
    hub.flush(100);
    change(patrol('a', 2));
    hub.flush(1200);
    expect(slow.closed).toBe(4008);
    expect(hub.clientCount).toBe(0);
  });

  it('replays what a resuming surface missed, from the same epoch only', () => {
    const { hub, change } = setup();
    const s = new Surface();
    hub.join(s, hello, 0);
    for (let i = 1; i <= 3; i++) {
      change(patrol('a', i));
      hub.flush(i);
    }
    hub.leave(s); // the socket dropped at seq 3
    for (let i = 4; i <= 6; i++) {
      change(patrol('a', i));
      hub.flush(i);
    }
    const back = Object.assign(new Surface(), { view: s.view });
    expect(hub.join(back, { ...hello, epoch: 'E', lastSeq: 3 }, 9)).toEqual({ kind: 'resumed', from: 4, to: 6 });
    expect(back.view.seq).toBe(6);
    expect(back.view.patrols.get('a')?.lon).toBe(6);

    const tooOld = new Surface(); // the buffer holds 2..6 only
    expect(hub.join(tooOld, { ...hello, epoch: 'E', lastSeq: 0 }, 9).kind).toBe('snapshot');
    const otherEpoch = new Surface(); // a restarted server must not replay another life's sequence numbers
    expect(hub.join(otherEpoch, { ...hello, epoch: 'X', lastSeq: 4 }, 9).kind).toBe('snapshot');
    const ahead = new Surface();
    expect(hub.join(ahead, { ...hello, epoch: 'E', lastSeq: 99 }, 9).kind).toBe('snapshot');
  });

  it('replays through the scope, turning departures into removals', () => {
    const { hub, change } = setup([patrol('a', 0, A), patrol('b', 0, A)]);
    const s = new Surface();
    hub.join(s, { ...hello, scope: { streets: [A] } }, 0);
    hub.leave(s);
    change(patrol('a', 1, B)); // left while the surface was away
    hub.flush(1);
    change(patrol('c', 1, B));
    hub.flush(2);
    const back = Object.assign(new Surface(), { view: s.view });
    hub.join(back, { ...hello, scope: { streets: [A] }, epoch: 'E', lastSeq: 0 }, 3);
    expect(back.ids()).toEqual(['b']);
    change(patrol('c', 2, A));
    hub.flush(4);
    expect(back.ids()).toEqual(['b', 'c']);
  });
});
