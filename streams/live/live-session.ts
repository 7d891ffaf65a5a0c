import type { CameraState } from '../../app/camera/camera';
import type { PatrolState } from '../../app/patrol/patrol';
import type { ReportState } from '../../app/report/inspector-report';
import type { Delta } from '../../app/live/protocol';
import { inScope, isWholeCity, scopeKey, type LiveScope } from '../../app/live/scope';

/** What a surface has not been sent yet. Positions coalesce (latest wins); reports queue in order. */
interface Outbox {
  patrols: Map<string, PatrolState>;
  removed: Set<string>;
  cameras: Map<string, CameraState>;
  reports: ReportState[];
}

const emptyOutbox = (): Outbox => ({ patrols: new Map(), removed: new Set(), cameras: new Map(), reports: [] });

/**
 * One surface's view of the fan-out. Pure: the hub feeds it every tick's delta; it keeps only what is in
 * the surface's scope, folds ticks together while the surface cannot keep up, and hands out one delta
 * covering exactly the sequence numbers not yet sent.
 *
 * Invariants: everything up to `sentSeq` has been sent; everything up to `coveredSeq` is sent or waiting
 * in the outbox.
 */
export class LiveSession {
  readonly key: string;
  readonly wholeCity: boolean;
  sentSeq: number;
  coveredSeq: number;
  /** When the outbox started waiting on a slow socket. */
  heldSince: number | undefined;
  private outbox: Outbox | undefined;
  /** Scoped surfaces only: the patrols the surface currently shows, so leaving the scope becomes a removal. */
  private known: Set<string> | 'all';

  constructor(
    readonly scope: LiveScope | undefined,
    seq: number,
    known: Iterable<string> | 'all' = [],
  ) {
    this.key = scopeKey(scope);
    this.wholeCity = isWholeCity(scope);
    this.sentSeq = seq;
    this.coveredSeq = seq;
    this.known = known === 'all' ? 'all' : new Set(known);
  }

  get hasOutbox(): boolean {
    return this.outbox !== undefined;
  }

  get outboxSize(): number {
    const o = this.outbox;
    return o ? o.patrols.size + o.removed.size + o.cameras.size + o.reports.length : 0;
  }

  /** Folds one tick's global delta in, keeping what this surface may see. */
  absorb(d: Delta): void {
    const o = (this.outbox ??= emptyOutbox());
    for (const p of d.patrols ?? []) {
      if (inScope(this.scope, p.street)) {
        o.patrols.set(p.unitId, p);
        o.removed.delete(p.unitId);
        if (this.known !== 'all') this.known.add(p.unitId);
      } else if (this.known === 'all' || this.known.has(p.unitId)) {
        o.patrols.delete(p.unitId);
        o.removed.add(p.unitId);
        if (this.known !== 'all') this.known.delete(p.unitId);
      }
    }
    for (const id of d.patrolsRemoved ?? []) {
      if (this.known === 'all' || this.known.has(id)) {
        o.patrols.delete(id);
        o.removed.add(id);
        if (this.known !== 'all') this.known.delete(id);
      }
    }
    for (const c of d.cameras ?? []) if (inScope(this.scope, c.street)) o.cameras.set(c.id, c);
    for (const r of d.reports ?? []) if (inScope(this.scope, r.street)) o.reports.push(r);
    this.coveredSeq = d.seq;
    if (o.patrols.size + o.removed.size + o.cameras.size + o.reports.length === 0) {
      // Nothing in scope: the range is covered with nothing to send; a ping will tell the surface.
      this.outbox = undefined;
    }
  }

  /** After a replay with unknown history: from now on, the surface shows exactly these patrols. */
  settleKnown(ids: Iterable<string>): void {
    this.known = this.wholeCity ? 'all' : new Set(ids);
  }

  /** Takes the outbox as one delta covering (sentSeq, coveredSeq]. */
  drain(now: number): Delta | undefined {
    const o = this.outbox;
    if (!o) return undefined;
    const d: Delta = { type: 'delta', seq: this.coveredSeq, serverTime: now };
    if (this.coveredSeq !== this.sentSeq + 1) d.from = this.sentSeq + 1;
    if (o.patrols.size) d.patrols = Array.from(o.patrols.values());
    if (o.removed.size) d.patrolsRemoved = Array.from(o.removed);
    if (o.cameras.size) d.cameras = Array.from(o.cameras.values());
    if (o.reports.length) d.reports = o.reports;
    this.outbox = undefined;
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
