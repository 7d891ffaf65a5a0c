import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EMPTY_VIEW, type LiveView } from '../../app/live/live-view';
import { LiveClient } from './live-client';
import type { Connection } from './live-store';

class FakeWS {
  static all: FakeWS[] = [];
  sent: unknown[] = [];
  closed?: number;
  onopen: (() => void) | null = null;
  onmessage: ((e: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(readonly url: string) {
    FakeWS.all.push(this);
  }
  send(t: string) {
    this.sent.push(JSON.parse(t));
  }
  close(code = 1000) {
    if (this.closed !== undefined) return;
    this.closed = code;
    this.onclose?.();
  }
  open() {
    this.onopen?.();
  }
  receive(m: unknown) {
    this.onmessage?.({ data: JSON.stringify(m) });
  }
}

const snapshot = (seq: number, epoch = 'E') => ({ type: 'snapshot', epoch, seq, serverTime: 1, patrols: [], cameras: [], reports: [] });
const patrol = (lon: number) => ({ unitId: 'p1', lon, lat: 39.9, ts: lon, status: 'online' });

function setup() {
  let view: LiveView = EMPTY_VIEW;
  const conns: Connection[] = [];
  const client = new LiveClient({
    url: 'ws://hall/live',
    surface: 'wall-0',
    getView: () => view,
    onView: (v) => (view = v),
    onConnection: (c) => conns.push(c),
    WebSocketImpl: FakeWS as unknown as typeof WebSocket,
    random: () => 0.5,
    backoffMs: [100, 1000],
    silenceMs: 5000,
  });
  return { client, conns, view: () => view, ws: () => FakeWS.all.at(-1)! };
}

beforeEach(() => {
  vi.useFakeTimers();
  FakeWS.all = [];
});
afterEach(() => vi.useRealTimers());

describe('LiveClient', () => {
  it('says hello, builds from the snapshot, applies deltas and answers pings', () => {
    const s = setup();
    s.client.start();
    s.ws().open();
    expect(s.ws().sent[0]).toEqual({ type: 'hello', protocol: 1, surface: 'wall-0' });
    s.ws().receive(snapshot(5));
    s.ws().receive({ type: 'delta', seq: 6, serverTime: 2, patrols: [patrol(116.2)] });
    expect(s.view().seq).toBe(6);
    expect(s.view().patrols.get('p1')?.lon).toBe(116.2);
    s.ws().receive({ type: 'ping', t: 42, seq: 9 });
    expect(s.ws().sent[1]).toEqual({ type: 'pong', t: 42 });
    expect(s.view().seq).toBe(9); // nothing in scope happened up to 9
    s.ws().receive({ type: 'delta', from: 10, seq: 12, serverTime: 3 });
    expect(s.view().seq).toBe(12);
    expect(s.conns.map((c) => c.state)).toEqual(['connecting', 'live']);
  });

  it('reconnects with backoff and resumes from its epoch and last sequence', () => {
    const s = setup();
    s.client.start();
    s.ws().open();
    s.ws().receive(snapshot(5));
    s.ws().close(1006);
    expect(s.conns.at(-1)).toMatchObject({ state: 'reconnecting', attempt: 1 });
    vi.advanceTimersByTime(99);
    expect(FakeWS.all).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(FakeWS.all).toHaveLength(2);
    s.ws().open();
    expect(s.ws().sent[0]).toMatchObject({ type: 'hello', epoch: 'E', lastSeq: 5 });
    s.ws().receive({ type: 'delta', seq: 6, serverTime: 2 });
    expect(s.conns.at(-1)?.state).toBe('live');
  });

  it('drops the link on a sequence gap, on junk, and on silence', () => {
    const s = setup();
    s.client.start();
    s.ws().open();
    s.ws().receive(snapshot(5));
    s.ws().receive({ type: 'delta', seq: 8, serverTime: 2 });
    expect(s.ws().closed).toBe(4004);
    expect(s.view().seq).toBe(5);

    vi.advanceTimersByTime(100);
    s.ws().open();
    s.ws().receive({ type: 'delta', seq: 'six' });
    expect(s.ws().closed).toBe(4003);

    vi.advanceTimersByTime(1000);
    s.ws().open();
    vi.advanceTimersByTime(5000);
    expect(s.ws().closed).toBe(4001);
  });

  it('keeps the reconnecting-since time across failed attempts', () => {
    const s = setup();
    s.client.start();
    s.ws().open();
    s.ws().receive(snapshot(1));
    s.ws().close();
    const since = (s.conns.at(-1) as { since: number }).since;
    vi.advanceTimersByTime(5000);
    s.ws().close();
    expect(s.conns.at(-1)).toMatchObject({ state: 'reconnecting', since, attempt: 2 });
  });
});
