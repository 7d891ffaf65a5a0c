import type { Static, TSchema } from 'typebox';
import type { ChannelRegistry, ChannelSpec, RegisteredChannel } from './channel';
import type { ChannelChange, Delta, Snapshot } from './protocol';

/** A `latest` channel's content by key, or an `append` channel's recent items, newest first. */
export type ChannelData = ReadonlyMap<string, unknown> | readonly unknown[];

/**
 * What a surface knows of the live city, rebuilt from a snapshot and advanced by deltas. Pure: the
 * renderer's stores and the tests both use it. A channel whose content did not change keeps its object,
 * so a store slice (and whatever draws it) updates only when its own channel changed.
 */
export interface LiveView {
  epoch: string;
  seq: number;
  serverTime: number;
  channels: ReadonlyMap<string, ChannelData>;
}

export const EMPTY_VIEW: LiveView = { epoch: '', seq: 0, serverTime: 0, channels: new Map() };

/** How a surface applies messages: the channels it knows, and where to report items it had to drop. */
export interface ApplyContext {
  registry: ChannelRegistry;
  /** Items that failed their channel's schema, dropped one by one (count per channel per message). */
  onInvalid?(channel: string, dropped: number): void;
}

const EMPTY_MAP: ReadonlyMap<string, unknown> = new Map<string, unknown>();
const EMPTY_LIST: readonly unknown[] = [];

/** A `latest` channel's items by key. */
export function latestOf<S extends TSchema>(view: LiveView, spec: ChannelSpec<S>): ReadonlyMap<string, Static<S>> {
  const data = view.channels.get(spec.name);
  return (data instanceof Map ? data : EMPTY_MAP) as ReadonlyMap<string, Static<S>>;
}

/** An `append` channel's recent items, newest first. */
export function recentOf<S extends TSchema>(view: LiveView, spec: ChannelSpec<S>): readonly Static<S>[] {
  const data = view.channels.get(spec.name);
  return (Array.isArray(data) ? data : EMPTY_LIST) as readonly Static<S>[];
}

function validItems(ch: RegisteredChannel, items: readonly unknown[] | undefined, ctx: ApplyContext): unknown[] {
  if (!items?.length) return [];
  const good = items.filter((x) => ch.check(x));
  if (good.length !== items.length) ctx.onInvalid?.(ch.spec.name, items.length - good.length);
  return good;
}

function keyOf(ch: RegisteredChannel, item: unknown): string {
  return ch.spec.key(item as never);
}

/** Newest-first list with `fresh` (oldest first) in front, without items already present, bounded. */
function prepend(ch: RegisteredChannel, current: readonly unknown[], fresh: readonly unknown[]): readonly unknown[] {
  if (!fresh.length) return current;
  const seen = new Set(current.map((x) => keyOf(ch, x)));
  const add: unknown[] = [];
  for (let i = fresh.length - 1; i >= 0; i--) {
    const item = fresh[i];
    const k = keyOf(ch, item);
    if (seen.has(k)) continue;
    seen.add(k);
    add.push(item);
  }
  return add.length ? add.concat(current).slice(0, ch.spec.keep ?? 100) : current;
}

export function viewFromSnapshot(s: Snapshot, ctx: ApplyContext): LiveView {
  const channels = new Map<string, ChannelData>();
  for (const ch of ctx.registry.list()) {
    const items = validItems(ch, s.channels[ch.spec.name]?.items, ctx);
    if (ch.spec.merge === 'latest') channels.set(ch.spec.name, new Map(items.map((x) => [keyOf(ch, x), x])));
    else channels.set(ch.spec.name, prepend(ch, EMPTY_LIST, items));
  }
  return { epoch: s.epoch, seq: s.seq, serverTime: s.serverTime, channels };
}

function applyChange(ch: RegisteredChannel, data: ChannelData | undefined, change: ChannelChange, ctx: ApplyContext): ChannelData | undefined {
  if (ch.spec.merge === 'append') {
    const current = Array.isArray(data) ? (data as readonly unknown[]) : EMPTY_LIST;
    const next = prepend(ch, current, validItems(ch, change.append, ctx));
    return next === current ? data : next;
  }
  const upserts = validItems(ch, change.upsert, ctx);
  if (!upserts.length && !change.remove?.length) return data;
  const next = new Map(data instanceof Map ? (data as ReadonlyMap<string, unknown>) : EMPTY_MAP);
  for (const item of upserts) next.set(keyOf(ch, item), item);
  for (const k of change.remove ?? []) next.delete(k);
  return next;
}

export type ApplyResult = { ok: true; view: LiveView } | { ok: false; reason: 'gap' | 'stale'; expected: number };

/** Applies a delta if it continues exactly where the view is; a gap means the surface must resync. */
export function applyDelta(view: LiveView, d: Delta, ctx: ApplyContext): ApplyResult {
  const from = d.from ?? d.seq;
  if (d.seq <= view.seq) return { ok: false, reason: 'stale', expected: view.seq + 1 };
  if (from !== view.seq + 1 || from > d.seq) return { ok: false, reason: 'gap', expected: view.seq + 1 };
  let channels = view.channels;
  for (const [name, change] of Object.entries(d.channels)) {
    const ch = ctx.registry.get(name);
    if (!ch) continue; // a channel this surface does not show (a newer hall): ignored, not an error
    const before = channels.get(name);
    const after = applyChange(ch, before, change, ctx);
    if (after !== before && after !== undefined) {
      if (channels === view.channels) channels = new Map(channels);
      (channels as Map<string, ChannelData>).set(name, after);
    }
  }
  return { ok: true, view: { epoch: view.epoch, seq: d.seq, serverTime: d.serverTime, channels } };
}

/** A ping says the surface is up to date to `seq` (nothing in its scope happened in between). */
export function applyPingSeq(view: LiveView, seq: number | undefined): LiveView {
  return seq !== undefined && seq > view.seq ? { ...view, seq } : view;
}
