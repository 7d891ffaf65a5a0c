import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import Value from 'typebox/value';
import { ChannelRegistry } from '../../app/live/channel';
import { EMPTY_VIEW, latestOf, type LiveView } from '../../app/live/live-view';
import { patrolChannel } from '../../app/patrol/patrol-channel';
import { LiveClient, type Connection } from './live-client';

class FakeWS {
  static all: FakeWS[] = [];
  sent: unknown[] = [];
  closed?: number;
  onopen: (() => void) | null = null;
  onmessage: ((e: { data: string }) => void) | null = null;
  onclose: ((e: { code: number }) => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(readonly url: string) {
    FakeWS.all.push(this);
  }
  send(t: string) {
    this.sent.push(JSON.parse(t));
  }
  readyState = 1;
  close(code = 1000) {
    if (this.closed !== undefined) return;
    this.closed = code;
    this.onclose?.({ code });
  }
  open() {
    this.onopen?.();
  }
  receive(m: unknown) {
    this.onmessage?.({ data: JSON.stringify(m) });
  }
}

const snapshot = (seq: number, epoch = 'E') => ({ type: 'snapshot', epoch, seq, serverTime: 1, channels: { patrols: { items: [] } } });
const patrol = (lon: number, unitId = 'p1') => ({ unitId, lon, lat: 39.9, ts: lon, seenAt: lon, status: 'online' });
const registry = new ChannelRegistry((schema) => (v) => Value.Check(schema, v));
registry.register(patrolChannel);

function setup() {
  let view: LiveView = EMPTY_VIEW;
  const conns: Connection[] = [];
  const client = new LiveClient({
    url: 'ws://hall/live',
    surface: 'wall-0',
    token: 'wall-token',
    registry,
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
    expect(s.ws().sent[0]).toEqual({ type: 'hello', protocol: 2, surface: 'wall-0', token: 'wall-token' });
    s.ws().receive(snapshot(5));
    s.ws().receive({ type: 'delta', seq: 6, serverTime: 2, channels: { patrols: { upsert: [patrol(116.2)] } } });
    expect(s.view().seq).toBe(6);
    expect(latestOf(s.view(), patrolChannel).get('p1')?.lon).toBe(116.2);
    s.ws().receive({ type: 'ping', t: 42, seq: 9 });
    expect(s.ws().sent[1]).toEqual({ type: 'pong', t: 42 });
    expect(s.view().seq).toBe(9); // nothing in scope happened up to 9
    s.ws().receive({ type: 'delta', from: 10, seq: 12, serverTime: 3, channels: {} });
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
    s.ws().receive({ type: 'delta', seq: 6, serverTime: 2, channels: {} });
    expect(s.conns.at(-1)?.state).toBe('live');
  });

  it('drops the link on a sequence gap, on junk, and on silence', () => {
    const s = setup();
    s.client.start();
    s.ws().open();
    s.ws().receive(snapshot(5));
    s.ws().receive({ type: 'delta', seq: 8, serverTime: 2, channels: {} });
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

  it('drops one bad item and tells the hall, instead of refusing the whole message', () => {
    const s = setup();
    s.client.start();
    s.ws().open();
    s.ws().receive({ type: 'snapshot', epoch: 'E', seq: 1, serverTime: 1, channels: { patrols: { items: [patrol(116.2, 'good'), patrol(116.3, 'bad unit!')] } } });
    expect(s.ws().closed).toBeUndefined();
    expect([...latestOf(s.view(), patrolChannel).keys()]).toEqual(['good']);
    expect(s.conns.at(-1)?.state).toBe('live');
    expect(s.ws().sent.at(-1)).toEqual({ type: 'problem', channel: 'patrols', dropped: 1, reason: 'items failed the channel schema' });
  });

  it('stops and says so when the hall refuses its token', () => {
    const s = setup();
    s.client.start();
    s.ws().open();
    s.ws().receive({ type: 'error', code: 'unauthorized', message: 'This token is not known to the hall.' });
    s.ws().close(4401);
    expect(s.conns.at(-1)).toMatchObject({ state: 'refused', code: 'unauthorized' });
    vi.advanceTimersByTime(60_000);
    expect(FakeWS.all).toHaveLength(1); // no retry loop with a token that will be refused again
  });
});
