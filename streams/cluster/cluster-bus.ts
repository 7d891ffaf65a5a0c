import { createHmac, timingSafeEqual } from 'node:crypto';
import { Compile } from 'typebox/compile';
import type { ChannelRegistry, RegisteredChannel } from '../../app/live/channel';
import { ClusterMessage, type ClusterChange } from '../../app/hall/cluster-message';
import type { RemoteChange } from '../hall/hall-module';

const checkMessage = Compile(ClusterMessage);

/** Why a cluster message (or item) was dropped; a label of `gridwall_cluster_dropped_total`. */
export type ClusterDrop = 'bad-signature' | 'bad-json' | 'bad-schema' | 'stale' | 'unknown-channel' | 'invalid-item';

export interface ClusterBusOptions {
  instanceId: string;
  /** The hall secret every server of the cluster shares; messages are signed with it (HMAC-SHA256). */
  secret: string;
  registry: ChannelRegistry;
  publish(payload: string): void;
  onRemote(ch: RegisteredChannel, change: RemoteChange<unknown>): void;
  onDrop(why: ClusterDrop, n?: number): void;
  now(): number;
  /** Messages older (or further ahead) than this are dropped: a replayed capture is not news. */
  maxSkewMs?: number;
}

interface Outgoing {
  upsert: Map<string, { item: unknown; at: number }>;
  remove: Set<string>;
  append: unknown[];
}

/**
 * Hall servers on one external broker each ingest a share of the terminals' messages (shared
 * subscription) and tell the others what they accepted, batched per tick on `<prefix>_cluster/state`,
 * so every server can serve every wall its whole scope. Generic over live channels. Every message is
 * signed with the hall secret; unsigned, forged, stale or malformed ones are dropped and counted, and
 * each item is checked against its channel schema like any input.
 */
export class ClusterBus {
  private out = new Map<string, Outgoing>();
  private readonly maxSkewMs: number;

  constructor(private readonly o: ClusterBusOptions) {
    this.maxSkewMs = o.maxSkewMs ?? 60_000;
  }

  private box(name: string): Outgoing {
    let b = this.out.get(name);
    if (!b) this.out.set(name, (b = { upsert: new Map(), remove: new Set(), append: [] }));
    return b;
  }

  upsert(ch: RegisteredChannel, item: unknown, at: number): void {
    const key = ch.spec.key(item as never);
    const b = this.box(ch.spec.name);
    b.upsert.set(key, { item, at });
    b.remove.delete(key);
  }

  remove(ch: RegisteredChannel, key: string): void {
    const b = this.box(ch.spec.name);
    b.upsert.delete(key);
    b.remove.add(key);
  }

  append(ch: RegisteredChannel, item: unknown): void {
    this.box(ch.spec.name).append.push(item);
  }

  private sign(json: string): string {
    return createHmac('sha256', this.o.secret).update(json).digest('hex');
  }

  /** Sends what was accepted since the last flush, as one signed message. */
  flush(): void {
    if (!this.out.size) return;
    const channels: Record<string, ClusterChange> = {};
    for (const [name, b] of this.out) {
      const c: ClusterChange = {};
      if (b.upsert.size) c.upsert = Array.from(b.upsert.values());
      if (b.remove.size) c.remove = Array.from(b.remove);
      if (b.append.length) c.append = b.append;
      channels[name] = c;
    }
    this.out = new Map();
    const json = JSON.stringify({ v: 2, from: this.o.instanceId, at: this.o.now(), channels } satisfies ClusterMessage);
    this.o.publish(`${this.sign(json)}.${json}`);
  }

  /** A message from the bus: another server's changes (our own echoes are ignored). */
  receive(payload: Buffer): void {
    const text = payload.toString('utf8');
    const dot = text.indexOf('.');
    const given = Buffer.from(dot === 64 ? text.slice(0, 64) : '', 'hex');
    const json = text.slice(dot + 1);
    const want = Buffer.from(this.sign(json), 'hex');
    if (given.length !== want.length || !timingSafeEqual(given, want)) return this.o.onDrop('bad-signature');
    let value: unknown;
    try {
      value = JSON.parse(json);
    } catch {
      return this.o.onDrop('bad-json');
    }
    if (!checkMessage.Check(value)) return this.o.onDrop('bad-schema');
    if (value.from === this.o.instanceId) return; // our own echo (a broker without No Local)
    if (Math.abs(this.o.now() - value.at) > this.maxSkewMs) return this.o.onDrop('stale');
    for (const [name, c] of Object.entries(value.channels)) {
      const ch = this.o.registry.get(name);
      if (!ch) {
        this.o.onDrop('unknown-channel');
        continue;
      }
      const upsert = (c.upsert ?? []).filter((u) => ch.check(u.item));
      const append = (c.append ?? []).filter((x) => ch.check(x));
      const bad = (c.upsert?.length ?? 0) - upsert.length + (c.append?.length ?? 0) - append.length;
      if (bad) this.o.onDrop('invalid-item', bad);
      this.o.onRemote(ch, { upsert, remove: c.remove ?? [], append });
    }
  }
}
