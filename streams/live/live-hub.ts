import { randomUUID } from 'node:crypto';
import type { CameraState } from '../../app/camera/camera';
import type { PatrolState } from '../../app/patrol/patrol';
import type { ReportState } from '../../app/report/inspector-report';
import type { ClientHello, Delta, ServerPing, Snapshot } from '../../app/live/protocol';
import { inScope, type LiveScope } from '../../app/live/scope';
import type { HallMetrics } from '../metrics/hall-metrics';
import { LiveSession } from './live-session';

/** The part of a WebSocket the hub needs; tests pass fakes. */
export interface LiveSocket {
  send(data: string): void;
  /** Bytes queued but not yet handed to the network: the backpressure signal. */
  readonly bufferedAmount: number;
  close(code: number, reason: string): void;
}

/** Where the hub reads current state from when it builds a snapshot. */
export interface LiveStateSource {
  patrols(): PatrolState[];
  cameras(): CameraState[];
  /** Recent reports, newest first. */
  reports(): ReportState[];
}

export interface LiveHubOptions {
  /** Past ticks kept for surfaces that resume after a short drop… */
  replayLimit: number;
  /** …and at most this many bytes of them. */
  replayMaxBytes: number;
  /** A surface whose socket has more than this queued gets nothing new until it drains (positions coalesce). */
  highWaterBytes: number;
  /** A surface held back longer than this, or with this many items waiting, is disconnected (it will resume). */
  maxHeldMs: number;
  maxOutboxItems: number;
  epoch?: string;
  metrics?: HallMetrics;
}

export const DEFAULT_HUB: Omit<LiveHubOptions, 'epoch' | 'metrics'> = {
  replayLimit: 600,
  replayMaxBytes: 32 * 1024 * 1024,
  highWaterBytes: 1024 * 1024,
  maxHeldMs: 30_000,
  maxOutboxItems: 50_000,
};

export type JoinOutcome = { kind: 'snapshot'; seq: number } | { kind: 'resumed'; from: number; to: number };

interface Member {
  socket: LiveSocket;
  session: LiveSession;
}

/**
 * Fan-out of live changes. Changes collect between ticks; each tick becomes one global delta with the next
 * sequence number, serialised once and sent as is to every whole-city surface that keeps up. Scoped or
 * lagging surfaces go through their LiveSession (filter, coalesce, range). A bounded replay buffer lets a
 * surface that reconnects with (epoch, lastSeq) get exactly what it missed; otherwise it gets a snapshot.
 */
export class LiveHub {
  readonly epoch: string;
  private seq = 0;
  private readonly pendingPatrols = new Map<string, PatrolState>();
  private readonly pendingRemoved = new Set<string>();
  private readonly pendingCameras = new Map<string, CameraState>();
  private pendingReports: ReportState[] = [];
  private readonly replay: Array<{ seq: number; text: string }> = [];
  private replayBytes = 0;
  private readonly members = new Map<LiveSocket, Member>();
  private coalesced = 0;
  private readonly o: LiveHubOptions;

  constructor(
    private readonly state: LiveStateSource,
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

  patrolChanged(p: PatrolState): void {
    if (this.pendingPatrols.has(p.unitId)) this.coalesced++;
    this.pendingPatrols.set(p.unitId, p);
    this.pendingRemoved.delete(p.unitId);
  }

  patrolRemoved(unitId: string): void {
    this.pendingPatrols.delete(unitId);
    this.pendingRemoved.add(unitId);
  }

  cameraChanged(c: CameraState): void {
    this.pendingCameras.set(c.id, c);
  }

  reportAdded(r: ReportState): void {
    this.pendingReports.push(r);
  }

  snapshot(now: number, scope?: LiveScope): Snapshot {
    const s: Snapshot = {
      type: 'snapshot',
      epoch: this.epoch,
      seq: this.seq,
      serverTime: now,
      patrols: this.state.patrols().filter((p) => inScope(scope, p.street)),
      cameras: this.state.cameras().filter((c) => inScope(scope, c.street)),
      reports: this.state.reports().filter((r) => inScope(scope, r.street)),
    };
    if (scope) s.scope = scope;
    return s;
  }

  /** Adds a surface that said hello: replays what it missed when possible, else sends a snapshot. */
  join(socket: LiveSocket, hello: ClientHello, now: number): JoinOutcome {
    const last = hello.lastSeq;
    const oldest = this.replay[0]?.seq ?? this.seq + 1;
    const canResume = hello.epoch === this.epoch && last !== undefined && last <= this.seq && last >= oldest - 1;
    let outcome: JoinOutcome;
    let session: LiveSession;
    if (canResume) {
      session = new LiveSession(hello.scope, last, 'all');
      const missed = this.replay.filter((e) => e.seq > last);
      if (session.wholeCity) {
        for (const e of missed) socket.send(e.text);
        session.sentShared(this.seq);
      } else {
        // Replay through the scope filter; what left the scope meanwhile becomes a removal.
        for (const e of missed) session.absorb(JSON.parse(e.text) as Delta);
        session.coveredSeq = this.seq;
        const d = session.drain(now);
        if (d) socket.send(JSON.stringify(d));
        session.settleKnown(this.state.patrols().filter((p) => inScope(hello.scope, p.street)).map((p) => p.unitId));
      }
      outcome = { kind: 'resumed', from: last + 1, to: this.seq };
    } else {
      const snap = this.snapshot(now, hello.scope);
      session = new LiveSession(hello.scope, this.seq, snap.patrols.map((p) => p.unitId));
      socket.send(JSON.stringify(snap));
      outcome = { kind: 'snapshot', seq: this.seq };
    }
    this.members.set(socket, { socket, session });
    this.o.metrics?.liveResumes.labels(outcome.kind).inc();
    this.o.metrics?.liveClients.set(this.members.size);
    return outcome;
  }

  leave(socket: LiveSocket): void {
    this.members.delete(socket);
    this.o.metrics?.liveClients.set(this.members.size);
  }

  /** A heartbeat for one surface, carrying the sequence it is up to date with. */
  ping(socket: LiveSocket, now: number): void {
    const m = this.members.get(socket);
    const ping: ServerPing = { type: 'ping', t: now };
    if (m) ping.seq = m.session.pingSeq();
    socket.send(JSON.stringify(ping));
  }

  /** Ends a tick: emits one delta if anything changed, and serves surfaces that were held back. */
  flush(now: number): Delta | undefined {
    const delta = this.takeDelta(now);
    const text = delta ? JSON.stringify(delta) : undefined;
    if (delta && text) this.remember(delta.seq, text);
    let sentBytes = 0;
    let deltas = 0;
    for (const m of this.members.values()) {
      const { session, socket } = m;
      const blocked = socket.bufferedAmount > this.o.highWaterBytes;
      if (delta && text) {
        if (session.wholeCity && !session.hasOutbox && session.sentSeq === delta.seq - 1 && !blocked) {
          socket.send(text);
          session.sentShared(delta.seq);
          sentBytes += text.length;
          deltas++;
          continue;
        }
        session.absorb(delta);
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
      this.o.metrics?.liveHeld.inc();
      if (now - session.heldSince > this.o.maxHeldMs || session.outboxSize > this.o.maxOutboxItems) {
        this.members.delete(socket);
        this.o.metrics?.liveDropped.inc();
        this.o.metrics?.liveClients.set(this.members.size);
        socket.close(4008, 'too slow: reconnect to resume');
      }
    }
    if (this.coalesced) {
      this.o.metrics?.liveCoalesced.inc(this.coalesced);
      this.coalesced = 0;
    }
    if (deltas) {
      this.o.metrics?.liveDeltas.inc(deltas);
      this.o.metrics?.liveBytes.inc(sentBytes);
    }
    return delta;
  }

  private takeDelta(now: number): Delta | undefined {
    if (!this.pendingPatrols.size && !this.pendingRemoved.size && !this.pendingCameras.size && !this.pendingReports.length) return undefined;
    const delta: Delta = { type: 'delta', seq: ++this.seq, serverTime: now };
    if (this.pendingPatrols.size) delta.patrols = Array.from(this.pendingPatrols.values());
    if (this.pendingRemoved.size) delta.patrolsRemoved = Array.from(this.pendingRemoved);
    if (this.pendingCameras.size) delta.cameras = Array.from(this.pendingCameras.values());
    if (this.pendingReports.length) delta.reports = this.pendingReports;
    this.pendingPatrols.clear();
    this.pendingRemoved.clear();
    this.pendingCameras.clear();
    this.pendingReports = [];
    return delta;
  }

  private remember(seq: number, text: string): void {
    this.replay.push({ seq, text });
    this.replayBytes += text.length;
    while (this.replay.length > this.o.replayLimit || (this.replayBytes > this.o.replayMaxBytes && this.replay.length > 1)) {
      this.replayBytes -= (this.replay.shift() as { text: string }).text.length;
    }
  }
}
