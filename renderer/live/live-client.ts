import { applyDelta, applyPingSeq, viewFromSnapshot, type ApplyContext, type LiveView } from '../../app/live/live-view';
import { LIVE_CLOSE, LIVE_PROTOCOL_VERSION, ServerMessage, type ClientHello, type ClientPong, type ClientProblem } from '../../app/live/protocol';
import type { LiveScope } from '../../app/live/scope';
import type { ChannelRegistry } from '../../app/live/channel';
import { wallCheck } from './checks';

const checkServerMessage = wallCheck(ServerMessage);

/** Whether the wall is showing live data; shown plainly, never a silent freeze. */
export type Connection =
  | { state: 'connecting'; since: number }
  | { state: 'live'; since: number }
  | { state: 'reconnecting'; since: number; attempt: number }
  /** The hall refused this surface's token or scope: retrying the same way cannot help. */
  | { state: 'refused'; since: number; code: string; message: string };

export interface LiveClientOptions {
  url: string;
  surface: string;
  token: string;
  /** A street sub-centre's wall watches its streets only. */
  scope?: LiveScope;
  registry: ChannelRegistry;
  /** Reconnect delays; the last repeats. Jitter is added so a hall's walls don't reconnect in lockstep. */
  backoffMs?: readonly number[];
  /** No message (not even a ping) for this long means the link is dead. */
  silenceMs?: number;
  /** How often (at most) to tell the hall about dropped items, per channel. */
  problemIntervalMs?: number;
  getView(): LiveView;
  onView(view: LiveView): void;
  onConnection(c: Connection): void;
  /** Every message from the hall, with its server time (the surface keeps its clock offset). */
  onServerTime?(serverTime: number): void;
  WebSocketImpl?: typeof WebSocket;
  random?: () => number;
  now?: () => number;
}

/**
 * The wall's end of `/live`: says hello with its token (and epoch + last sequence, so a short drop is
 * replayed), rebuilds from snapshots, applies deltas in order, answers pings, and reconnects with backoff.
 * A gap in sequence numbers or a silent link forces a reconnect — the wall never freezes silently. Items
 * that fail their channel schema are dropped one by one and reported to the hall, rate-limited.
 */
export class LiveClient {
  private ws: WebSocket | undefined;
  private attempt = 0;
  private stopped = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private silenceTimer: ReturnType<typeof setTimeout> | undefined;
  private downSince: number | undefined;
  private live = false;
  private readonly backoff: readonly number[];
  private readonly silenceMs: number;
  private readonly WS: typeof WebSocket;
  private readonly random: () => number;
  private readonly now: () => number;
  private readonly ctx: ApplyContext;
  private readonly dropped = new Map<string, { pending: number; lastSent: number }>();

  constructor(private readonly o: LiveClientOptions) {
    this.backoff = o.backoffMs ?? [500, 1000, 2000, 5000, 10_000];
    this.silenceMs = o.silenceMs ?? 25_000;
    this.WS = o.WebSocketImpl ?? WebSocket;
    this.random = o.random ?? Math.random;
    this.now = o.now ?? Date.now;
    this.ctx = { registry: o.registry, onInvalid: (channel, n) => this.noteDropped(channel, n) };
  }

  start(): void {
    this.stopped = false;
    this.o.onConnection({ state: 'connecting', since: this.now() });
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.silenceTimer);
    this.ws?.close(1000, 'stopped');
  }

  private connect(): void {
    const ws = new this.WS(this.o.url);
    this.ws = ws;
    ws.onopen = () => {
      const view = this.o.getView();
      const hello: ClientHello = { type: 'hello', protocol: LIVE_PROTOCOL_VERSION, surface: this.o.surface, token: this.o.token };
      if (this.o.scope) hello.scope = this.o.scope;
      if (view.epoch) {
        hello.epoch = view.epoch;
        hello.lastSeq = view.seq;
      }
      ws.send(JSON.stringify(hello));
      this.armSilence();
    };
    ws.onmessage = (ev: MessageEvent) => this.onMessage(ws, ev.data);
    ws.onclose = (ev: CloseEvent) => this.onDown(ws, ev?.code);
    ws.onerror = () => ws.close();
  }

  private armSilence(): void {
    clearTimeout(this.silenceTimer);
    this.silenceTimer = setTimeout(() => this.ws?.close(4001, 'silent'), this.silenceMs);
  }

  /** Counts dropped items and tells the hall at most once per interval per channel (it logs and counts them). */
  private noteDropped(channel: string, n: number): void {
    const entry = this.dropped.get(channel) ?? { pending: 0, lastSent: 0 };
    entry.pending += n;
    this.dropped.set(channel, entry);
    const now = this.now();
    if (now - entry.lastSent < (this.o.problemIntervalMs ?? 10_000)) return;
    const problem: ClientProblem = { type: 'problem', channel: channel.slice(0, 32), dropped: Math.min(entry.pending, 1_000_000), reason: 'items failed the channel schema' };
    if (this.ws?.readyState === 1) this.ws.send(JSON.stringify(problem));
    console.warn(`gridwall: dropped ${entry.pending} invalid ${channel} item(s) from the hall`);
    entry.pending = 0;
    entry.lastSent = now;
  }

  private onMessage(ws: WebSocket, data: unknown): void {
    if (ws !== this.ws) return;
    this.armSilence();
    let msg: unknown;
    try {
      msg = JSON.parse(String(data));
    } catch {
      return ws.close(4002, 'bad json');
    }
    if (!checkServerMessage(msg)) return ws.close(4003, 'bad message');
    switch (msg.type) {
      case 'ping': {
        const pong: ClientPong = { type: 'pong', t: msg.t };
        ws.send(JSON.stringify(pong));
        this.o.onServerTime?.(msg.t);
        // Nothing for this surface happened up to msg.seq: remember that, so a resume asks for less.
        const view = this.o.getView();
        const next = applyPingSeq(view, msg.seq);
        if (next !== view) this.o.onView(next);
        return;
      }
      case 'snapshot':
        this.o.onServerTime?.(msg.serverTime);
        this.o.onView(viewFromSnapshot(msg, this.ctx));
        this.markLive();
        return;
      case 'delta': {
        this.o.onServerTime?.(msg.serverTime);
        const r = applyDelta(this.o.getView(), msg, this.ctx);
        if (r.ok) {
          this.o.onView(r.view);
          this.markLive();
        } else if (r.reason === 'gap') ws.close(4004, 'sequence gap'); // resume replays or resyncs
        return;
      }
      case 'error':
        if (msg.code === 'unauthorized' || msg.code === 'forbidden-scope') {
          this.stopped = true; // the same token will be refused again: say so instead of retrying forever
          clearTimeout(this.silenceTimer);
          this.o.onConnection({ state: 'refused', since: this.now(), code: msg.code, message: msg.message });
        }
        return; // the server closes the socket itself
    }
  }

  private markLive(): void {
    if (this.live) return;
    this.live = true;
    this.attempt = 0;
    this.downSince = undefined;
    this.o.onConnection({ state: 'live', since: this.now() });
  }

  private onDown(ws: WebSocket, code: number | undefined): void {
    if (ws !== this.ws) return;
    clearTimeout(this.silenceTimer);
    if (this.stopped || code === LIVE_CLOSE.unauthorized || code === LIVE_CLOSE.forbidden) return;
    this.live = false;
    this.downSince ??= this.now();
    this.attempt++;
    this.o.onConnection({ state: 'reconnecting', since: this.downSince, attempt: this.attempt });
    const base = this.backoff[Math.min(this.attempt - 1, this.backoff.length - 1)] ?? 10_000;
    this.retryTimer = setTimeout(() => this.connect(), base * (0.75 + this.random() * 0.5));
  }
}
