import { randomUUID } from 'node:crypto';
import type { CameraState } from '../../app/camera/camera';
import type { PatrolState } from '../../app/patrol/patrol';
import type { ClientHello, Delta, Snapshot } from '../../app/live/protocol';

/** The part of a WebSocket the hub needs; tests pass fakes. */
export interface LiveSocket {
  send(data: string): void;
}

/** Where the hub reads current state from when it builds a snapshot. */
export interface LiveStateSource {
  patrols(): PatrolState[];
  cameras(): CameraState[];
}

export interface LiveHubOptions {
  /** How many past deltas are kept for clients that resume after a short drop. */
  replayLimit: number;
  epoch?: string;
}

export type JoinOutcome = { kind: 'snapshot'; seq: number } | { kind: 'resumed'; from: number; to: number };

/**
 * Fan-out of live changes: collects changes between ticks, turns each tick into one delta with the next
 * sequence number, serialises it once and sends it to every surface. Keeps a bounded replay buffer so a
 * surface that reconnects with (epoch, lastSeq) gets exactly what it missed, else a fresh snapshot.
 */
export class LiveHub {
  readonly epoch: string;
  private seq = 0;
  private readonly pendingPatrols = new Map<string, PatrolState>();
  private readonly pendingCameras = new Map<string, CameraState>();
  private readonly replay: Array<{ seq: number; text: string }> = [];
  private readonly sockets = new Set<LiveSocket>();

  constructor(
    private readonly state: LiveStateSource,
    private readonly opts: LiveHubOptions,
  ) {
    this.epoch = opts.epoch ?? randomUUID();
  }

  get currentSeq(): number {
    return this.seq;
  }

  get clientCount(): number {
    return this.sockets.size;
  }

  patrolChanged(p: PatrolState): void {
    this.pendingPatrols.set(p.unitId, p);
  }

  cameraChanged(c: CameraState): void {
    this.pendingCameras.set(c.id, c);
  }

  snapshot(now: number): Snapshot {
    return {
      type: 'snapshot',
      epoch: this.epoch,
      seq: this.seq,
      serverTime: now,
      patrols: this.state.patrols(),
      cameras: this.state.cameras(),
    };
  }

  /** Adds a surface that said hello: replays what it missed when possible, else sends a snapshot. */
  join(socket: LiveSocket, hello: ClientHello, now: number): JoinOutcome {
    this.sockets.add(socket);
    const last = hello.lastSeq;
    const oldest = this.replay[0]?.seq ?? this.seq + 1;
    if (hello.epoch === this.epoch && last !== undefined && last <= this.seq && last >= oldest - 1) {
      for (const entry of this.replay) if (entry.seq > last) socket.send(entry.text);
      return { kind: 'resumed', from: last + 1, to: this.seq };
    }
    socket.send(JSON.stringify(this.snapshot(now)));
    return { kind: 'snapshot', seq: this.seq };
  }

  leave(socket: LiveSocket): void {
    this.sockets.delete(socket);
  }

  /** Ends a tick: emits one delta if anything changed since the last one. */
  flush(now: number): Delta | undefined {
    if (this.pendingPatrols.size === 0 && this.pendingCameras.size === 0) return undefined;
    const delta: Delta = { type: 'delta', seq: ++this.seq, serverTime: now };
    if (this.pendingPatrols.size) delta.patrols = Array.from(this.pendingPatrols.values());
    if (this.pendingCameras.size) delta.cameras = Array.from(this.pendingCameras.values());
    this.pendingPatrols.clear();
    this.pendingCameras.clear();
    const text = JSON.stringify(delta);
    this.replay.push({ seq: delta.seq, text });
    if (this.replay.length > this.opts.replayLimit) this.replay.splice(0, this.replay.length - this.opts.replayLimit);
    for (const socket of this.sockets) socket.send(text);
    return delta;
  }
}
