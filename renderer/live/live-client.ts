import Value from 'typebox/value';
import { applyDelta, applyPingSeq, viewFromSnapshot, type LiveView } from '../../app/live/live-view';
import { LIVE_PROTOCOL_VERSION, ServerMessage, type ClientHello, type ClientPong } from '../../app/live/protocol';
import type { LiveScope } from '../../app/live/scope';
import type { Connection } from './live-store';

export interface LiveClientOptions {
  url: string;
  surface: string;
  /** A street sub-centre's wall watches its streets only. */
  scope?: LiveScope;
  /** Reconnect delays; the last repeats. Jitter is added so a hall's walls don't reconnect in lockstep. */
  backoffMs?: readonly number[];
  /** No message (not even a ping) for this long means the link is dead. */
  silenceMs?: number;
  getView(): LiveView;
  onView(view: LiveView): void;
  onConnection(c: Connection): void;
  WebSocketImpl?: typeof WebSocket;
  random?: () => number;
}

/**
 * The wall's end of `/live`: says hello (with epoch + last sequence, so a short drop is replayed),
 * rebuilds from snapshots, applies deltas in order, answers pings, and reconnects with backoff.
 * A gap in sequence numbers or a silent link forces a reconnect — the wall never freezes silently.
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

  constructor(private readonly o: LiveClientOptions) {
    this.backoff = o.backoffMs ?? [500, 1000, 2000, 5000, 10_000];
    this.silenceMs = o.silenceMs ?? 25_000;
    this.WS = o.WebSocketImpl ?? WebSocket;
    this.random = o.random ?? Math.random;
  }

  start(): void {
    this.stopped = false;
    this.o.onConnection({ state: 'connecting', since: Date.now() });
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
      const hello: ClientHello = { type: 'hello', protocol: LIVE_PROTOCOL_VERSION, surface: this.o.surface };
      if (this.o.scope) hello.scope = this.o.scope;
      if (view.epoch) {
        hello.epoch = view.epoch;
        hello.lastSeq = view.seq;
      }
      ws.send(JSON.stringify(hello));
      this.armSilence();
    };
    ws.onmessage = (ev: MessageEvent) => this.onMessage(ws, ev.data);
    ws.onclose = () => this.onDown(ws);
    ws.onerror = () => ws.close();
  }

  private armSilence(): void {
    clearTimeout(this.silenceTimer);
    this.silenceTimer = setTimeout(() => this.ws?.close(4001, 'silent'), this.silenceMs);
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
    if (!Value.Check(ServerMessage, msg)) return ws.close(4003, 'bad message');
    switch (msg.type) {
      case 'ping': {
        const pong: ClientPong = { type: 'pong', t: msg.t };
        ws.send(JSON.stringify(pong));
        // Nothing in our scope happened up to msg.seq: remember that, so a resume asks for less.
        const view = this.o.getView();
        const next = applyPingSeq(view, msg.seq);
        if (next !== view) this.o.onView(next);
        return;
      }
      case 'snapshot':
        this.o.onView(viewFromSnapshot(msg));
        this.markLive();
        return;
      case 'delta': {
        const r = applyDelta(this.o.getView(), msg);
        if (r.ok) {
          this.o.onView(r.view);
          this.markLive();
        } else if (r.reason === 'gap') ws.close(4004, 'sequence gap'); // resume replays or resyncs
        return;
      }
      case 'error':
        return; // the server closes the socket itself; onclose schedules the retry
    }
  }

  private markLive(): void {
    if (this.live) return;
    this.live = true;
    this.attempt = 0;
    this.downSince = undefined;
    this.o.onConnection({ state: 'live', since: Date.now() });
  }

  private onDown(ws: WebSocket): void {
    if (ws !== this.ws) return;
    clearTimeout(this.silenceTimer);
    if (this.stopped) return;
    this.live = false;
    this.downSince ??= Date.now();
    this.attempt++;
    this.o.onConnection({ state: 'reconnecting', since: this.downSince, attempt: this.attempt });
    const base = this.backoff[Math.min(this.attempt - 1, this.backoff.length - 1)] ?? 10_000;
    this.retryTimer = setTimeout(() => this.connect(), base * (0.75 + this.random() * 0.5));
  }
}
