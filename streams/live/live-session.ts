import type { ChannelRegistry, RegisteredChannel } from '../../app/live/channel';
import type { ChannelChange, Delta } from '../../app/live/protocol';
import { isWholeCity, scopeKey } from '../../app/live/scope';
import { present, presentKey, visible, type Tick, type Viewer } from './tick';

/** What a surface has not been sent yet, per channel. Latest values coalesce; appended events queue in order. */
interface ChannelOutbox {
  upsert: Map<string, unknown>;
  remove: Set<string>;
  append: unknown[];
}

const emptyOutbox = (): ChannelOutbox => ({ upsert: new Map(), remove: new Set(), append: [] });

/**
 * One surface's view of the fan-out. Pure: the hub feeds it every tick; it keeps only what the surface
 * may see (its scope, its audience's view), folds ticks together while the surface cannot keep up, and
 * hands out one delta covering exactly the sequence numbers not yet sent. Generic over channels.
 *
 * Invariants: everything up to `sentSeq` has been sent; everything up to `coveredSeq` is sent or waiting
 * in the outbox.
 */
export class LiveSession {
  readonly key: string;
  /** Whole city, full audience: this surface can take the hub's shared serialised delta as is. */
  readonly shared: boolean;
  sentSeq: number;
  coveredSeq: number;
  /** When the outbox started waiting on a slow socket. */
  heldSince: number | undefined;
  private outbox: Map<string, ChannelOutbox> | undefined;
  private outboxItems = 0;
  /**
   * For filtered surfaces: per `latest` channel, the keys it shows, so leaving its view becomes a removal.
   * `all` while the history is unknown (a resume): anything that leaves the view becomes a removal.
   */
  private known: Map<string, Set<string>> | 'all';

  constructor(
    readonly viewer: Viewer,
    private readonly registry: ChannelRegistry,
    seq: number,
    known: Map<string, Set<string>> | 'all' = new Map(),
  ) {
    this.key = `${scopeKey(viewer.scope)}#${viewer.audience}`;
    this.shared = isWholeCity(viewer.scope) && viewer.audience === 'full';
    this.sentSeq = seq;
    this.coveredSeq = seq;
    this.known = this.shared ? 'all' : known;
  }

  get hasOutbox(): boolean {
    return this.outbox !== undefined;
  }

  get outboxSize(): number {
    return this.outboxItems;
  }

  private box(name: string): ChannelOutbox {
    this.outbox ??= new Map();
    let b = this.outbox.get(name);
    if (!b) this.outbox.set(name, (b = emptyOutbox()));
    return b;
  }

  private knownSet(name: string): Set<string> | 'all' {
    if (this.known === 'all') return 'all';
    let s = this.known.get(name);
    if (!s) this.known.set(name, (s = new Set()));
    return s;
  }

  private absorbLatest(ch: RegisteredChannel, upserts: readonly unknown[], removes: readonly string[]): void {
    const known = this.knownSet(ch.spec.name);
    for (const item of upserts) {
      const k = ch.spec.key(item as never);
      if (this.shared || visible(ch, item, this.viewer)) {
        const b = this.box(ch.spec.name);
        b.upsert.set(k, item);
        b.remove.delete(k);
        if (known !== 'all') known.add(k);
      } else if (known === 'all' || known.has(k)) {
        const b = this.box(ch.spec.name);
        b.upsert.delete(k);
        b.remove.add(k);
        if (known !== 'all') known.delete(k);
      }
    }
    for (const k of removes) {
      if (known !== 'all' && !known.has(k)) continue;
      const b = this.box(ch.spec.name);
      b.upsert.delete(k);
      b.remove.add(k);
      if (known !== 'all') known.delete(k);
    }
  }

  /** Folds one tick in, keeping what this surface may see. */
  absorb(t: Tick): void {
    for (const [name, c] of t.channels) {
      const ch = this.registry.get(name);
      if (!ch) continue;
      if (ch.spec.merge === 'latest') this.absorbLatest(ch, c.upsert, c.remove);
      else for (const item of c.append) if (visible(ch, item, this.viewer)) this.box(name).append.push(item);
    }
    this.coveredSeq = t.seq;
    this.recount();
  }

  private recount(): void {
    let n = 0;
    for (const b of this.outbox?.values() ?? []) n += b.upsert.size + b.remove.size + b.append.length;
    this.outboxItems = n;
    // Nothing for this surface: the range is covered with nothing to send; a ping will tell it.
    if (n === 0) this.outbox = undefined;
  }

  /** After a replay with unknown history: from now on, the surface shows exactly these keys per channel. */
  settleKnown(known: Map<string, Set<string>>): void {
    if (!this.shared) this.known = known;
  }

  /** Takes the outbox as one delta covering (sentSeq, coveredSeq], masked for the surface's audience. */
  drain(now: number): Delta | undefined {
    const o = this.outbox;
    if (!o) return undefined;
    const channels: Record<string, ChannelChange> = {};
    for (const [name, b] of o) {
      const ch = this.registry.get(name);
      if (!ch) continue;
      const change: ChannelChange = {};
      if (b.upsert.size) change.upsert = Array.from(b.upsert.values(), (x) => present(ch, x, this.viewer));
      if (b.remove.size) change.remove = Array.from(b.remove, (k) => presentKey(ch, k, this.viewer));
      if (b.append.length) change.append = b.append.map((x) => present(ch, x, this.viewer));
      channels[name] = change;
    }
    const d: Delta = { type: 'delta', seq: this.coveredSeq, serverTime: now, channels };
    if (this.coveredSeq !== this.sentSeq + 1) d.from = this.sentSeq + 1;
    this.outbox = undefined;
    this.outboxItems = 0;
    this.heldSince = undefined;
    this.sentSeq = this.coveredSeq;
    return d;
  }

  /** Marks a shared whole-city delta for `seq` as sent (the hub's fast path). */
  sentShared(seq: number): void {
    this.sentSeq = seq;
    this.coveredSeq = seq;
  }

  /** The sequence a ping may report: all covered, when nothing waits in the outbox. */
  pingSeq(): number {
    if (!this.outbox) this.sentSeq = this.coveredSeq;
    return this.sentSeq;
  }
}
