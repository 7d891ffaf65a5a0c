import { randomUUID } from 'node:crypto';
import type { ChannelRegistry, RegisteredChannel } from '../../app/live/channel';
import type { ServerPing, Snapshot } from '../../app/live/protocol';
import { ChannelState } from './channel-state';
import type { LiveMetrics } from './live-metrics';
import { LiveSession } from './live-session';
import { tickToDelta, type ChannelTick, type Tick, type Viewer } from './tick';

/** The part of a WebSocket the hub needs; tests pass fakes. */
export interface LiveSocket {
  send(data: string): void;
  /** Bytes queued but not yet handed to the network: the backpressure signal. */
  readonly bufferedAmount: number;
  close(code: number, reason: string): void;
}

export interface LiveHubOptions {
  /** Past ticks kept for surfaces that resume after a short drop… */
  replayLimit: number;
  /** …and at most this many bytes of them. */
  replayMaxBytes: number;
  /** A surface whose socket has more than this queued gets nothing new until it drains (latest values coalesce). */
  highWaterBytes: number;
  /** A surface held back longer than this, or with this many items waiting, is disconnected (it will resume). */
  maxHeldMs: number;
  maxOutboxItems: number;
  epoch?: string;
  metrics?: LiveMetrics;
}

export const DEFAULT_HUB: Omit<LiveHubOptions, 'epoch' | 'metrics'> = {
  replayLimit: 600,
  replayMaxBytes: 32 * 1024 * 1024,
  highWaterBytes: 1024 * 1024,
  maxHeldMs: 30_000,
  maxOutboxItems: 50_000,
};

export type JoinOutcome = { kind: 'snapshot'; seq: number } | { kind: 'resumed'; from: number; to: number };

/** What a joining surface asks for: its viewer (scope, audience) and where it left off. */
export interface JoinRequest {
  viewer: Viewer;
  epoch?: string;
  lastSeq?: number;
}

interface PendingChannel {
  upsert: Map<string, unknown>;
  remove: Set<string>;
  append: unknown[];
}

/**
 * Fan-out of live changes, generic over channels. Changes collect between ticks; each tick becomes one
 * global delta with the next sequence number, serialised once and sent as is to every whole-city,
 * full-audience surface that keeps up. Scoped, masked or lagging surfaces go through their LiveSession
 * (filter, mask, coalesce, range). A bounded replay buffer lets a surface that reconnects with
 * (epoch, lastSeq) get exactly what it missed; otherwise it gets a snapshot.
 */
export class LiveHub {
  readonly epoch: string;
  private seq = 0;
  private readonly state = new ChannelState();
  private readonly pending = new Map<string, PendingChannel>();
  private pendingCount = 0;
  private readonly replay: Array<{ tick: Tick; text: string }> = [];
  private replayBytes = 0;
  private readonly members = new Map<LiveSocket, LiveSession>();
  private coalesced = 0;
  private readonly o: LiveHubOptions;

  constructor(
    readonly registry: ChannelRegistry,
    opts: Partial<LiveHubOptions> = {},
  ) {
    this.o = { ...DEFAULT_HUB, ...opts };
    this.epoch = opts.epoch ?? randomUUID();
  }

  get currentSeq(): number {
    return this.seq;
  }

  get clientCount(): number {
    return this.members.size;
  }

  private pend(name: string): PendingChannel {
    let p = this.pending.get(name);
    if (!p) this.pending.set(name, (p = { upsert: new Map(), remove: new Set(), append: [] }));
    this.pendingCount++;
    return p;
  }

  /** A `latest` channel's current value for a key (already checked against the channel schema). */
  upsert(ch: RegisteredChannel, item: unknown): void {
    const key = ch.spec.key(item as never);
    this.state.upsert(ch, key, item);
    const p = this.pend(ch.spec.name);
    if (p.upsert.has(key)) this.coalesced++;
    p.upsert.set(key, item);
    p.remove.delete(key);
  }

  remove(ch: RegisteredChannel, key: string): void {
    this.state.remove(ch, key);
    const p = this.pend(ch.spec.name);
    p.upsert.delete(key);
    p.remove.add(key);
  }

  append(ch: RegisteredChannel, item: unknown): void {
    this.state.append(ch, item);
    this.pend(ch.spec.name).append.push(item);
  }

  /** Items per channel, for health and tests. */
  size(ch: RegisteredChannel): number {
    return this.state.size(ch);
  }

  snapshot(now: number, viewer: Viewer): Snapshot {
    const s: Snapshot = { type: 'snapshot', epoch: this.epoch, seq: this.seq, serverTime: now, channels: {} };
    for (const ch of this.registry.list()) s.channels[ch.spec.name] = this.state.snapshot(ch, viewer);
    if (viewer.scope) s.scope = viewer.scope;
    return s;
  }

  private knownKeys(viewer: Viewer): Map<string, Set<string>> {
    const known = new Map<string, Set<string>>();
    for (const ch of this.registry.list()) if (ch.spec.merge === 'latest') known.set(ch.spec.name, new Set(this.state.visibleKeys(ch, viewer)));
    return known;
  }

  /** Adds a surface that said hello: replays what it missed when possible, else sends a snapshot. */
  join(socket: LiveSocket, req: JoinRequest, now: number): JoinOutcome {
    const last = req.lastSeq;
    const oldest = this.replay[0]?.tick.seq ?? this.seq + 1;
    const canResume = req.epoch === this.epoch && last !== undefined && last <= this.seq && last >= oldest - 1;
    let outcome: JoinOutcome;
    let session: LiveSession;
    if (canResume) {
      session = new LiveSession(req.viewer, this.registry, last, 'all');
      const missed = this.replay.filter((e) => e.tick.seq > last);
      if (session.shared) {
        for (const e of missed) socket.send(e.text);
        session.sentShared(this.seq);
      } else {
        // Replay through the surface's filter; what left its view meanwhile becomes a removal.
        for (const e of missed) session.absorb(e.tick);
        session.coveredSeq = this.seq;
        const d = session.drain(now);
        if (d) socket.send(JSON.stringify(d));
        session.settleKnown(this.knownKeys(req.viewer));
      }
      outcome = { kind: 'resumed', from: last + 1, to: this.seq };
    } else {
      const snap = this.snapshot(now, req.viewer);
      session = new LiveSession(req.viewer, this.registry, this.seq, this.knownKeys(req.viewer));
      socket.send(JSON.stringify(snap));
      outcome = { kind: 'snapshot', seq: this.seq };
    }
    this.members.set(socket, session);
    this.o.metrics?.joins.labels(outcome.kind).inc();
    this.o.metrics?.clients.set(this.members.size);
    return outcome;
  }

  leave(socket: LiveSocket): void {
    this.members.delete(socket);
    this.o.metrics?.clients.set(this.members.size);
  }

  /** A heartbeat for one surface, carrying the sequence it is up to date with. */
  ping(socket: LiveSocket, now: number): void {
    const session = this.members.get(socket);
    const ping: ServerPing = { type: 'ping', t: now };
    if (session) ping.seq = session.pingSeq();
    socket.send(JSON.stringify(ping));
  }

  /** Ends a tick: emits one delta if anything changed, and serves surfaces that were held back. */
  flush(now: number): Tick | undefined {
    const tick = this.takeTick(now);
    const text = tick ? JSON.stringify(tickToDelta(tick)) : undefined;
    if (tick && text) this.remember(tick, text);
    let sentBytes = 0;
    let deltas = 0;
    for (const [socket, session] of this.members) {
      const blocked = socket.bufferedAmount > this.o.highWaterBytes;
      if (tick && text) {
        if (session.shared && !session.hasOutbox && session.sentSeq === tick.seq - 1 && !blocked) {
          socket.send(text);
          session.sentShared(tick.seq);
          sentBytes += text.length;
          deltas++;
          continue;
        }
        session.absorb(tick);
      }
      if (!session.hasOutbox) continue;
      if (!blocked) {
        const d = session.drain(now);
        if (d) {
          const t = JSON.stringify(d);
          socket.send(t);
          sentBytes += t.length;
          deltas++;
        }
        continue;
      }
      session.heldSince ??= now;
      this.o.metrics?.held.inc();
      if (now - session.heldSince > this.o.maxHeldMs || session.outboxSize > this.o.maxOutboxItems) {
        this.members.delete(socket);
        this.o.metrics?.slowDisconnects.inc();
        this.o.metrics?.clients.set(this.members.size);
        socket.close(4008, 'too slow: reconnect to resume');
      }
    }
    if (this.coalesced) {
      this.o.metrics?.coalesced.inc(this.coalesced);
      this.coalesced = 0;
    }
    if (deltas) {
      this.o.metrics?.deltas.inc(deltas);
      this.o.metrics?.bytes.inc(sentBytes);
    }
    return tick;
  }

  private takeTick(now: number): Tick | undefined {
    if (!this.pendingCount) return undefined;
    const channels = new Map<string, ChannelTick>();
    for (const [name, p] of this.pending) {
      if (!p.upsert.size && !p.remove.size && !p.append.length) continue;
      channels.set(name, { upsert: Array.from(p.upsert.values()), remove: Array.from(p.remove), append: p.append });
    }
    this.pending.clear();
    this.pendingCount = 0;
    if (!channels.size) return undefined;
    return { seq: ++this.seq, serverTime: now, channels };
  }

  private remember(tick: Tick, text: string): void {
    this.replay.push({ tick, text });
    this.replayBytes += text.length;
    while (this.replay.length > this.o.replayLimit || (this.replayBytes > this.o.replayMaxBytes && this.replay.length > 1)) {
      this.replayBytes -= (this.replay.shift() as { text: string }).text.length;
    }
  }
}
