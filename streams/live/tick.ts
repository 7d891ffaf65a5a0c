import type { Audience } from '../../app/auth/roles';
import type { ChannelRegistry, RegisteredChannel } from '../../app/live/channel';
import type { ChannelChange, Delta } from '../../app/live/protocol';
import { inScope, type LiveScope } from '../../app/live/scope';

/** One channel's changes in one tick: items already checked against the channel schema. */
export interface ChannelTick {
  upsert: unknown[];
  remove: string[];
  append: unknown[];
}

/** Everything that changed in one tick, as the hub keeps it for replay and for lagging surfaces. */
export interface Tick {
  seq: number;
  serverTime: number;
  channels: Map<string, ChannelTick>;
}

/** The wire form of a tick (the global, whole-city, full-audience delta). */
export function tickToDelta(t: Tick): Delta {
  const channels: Record<string, ChannelChange> = {};
  for (const [name, c] of t.channels) {
    const change: ChannelChange = {};
    if (c.upsert.length) change.upsert = c.upsert;
    if (c.remove.length) change.remove = c.remove;
    if (c.append.length) change.append = c.append;
    channels[name] = change;
  }
  return { type: 'delta', seq: t.seq, serverTime: t.serverTime, channels };
}

/** Who a surface is, for what the hub sends it: its scope and its audience (full, or masked for exhibit). */
export interface Viewer {
  scope: LiveScope | undefined;
  audience: Audience;
}

/** Whether a viewer sees an item at all: in its scope, and not hidden by its audience's view. */
export function visible(ch: RegisteredChannel, item: unknown, viewer: Viewer): boolean {
  if (!inScope(viewer.scope, ch.spec.tags(item as never))) return false;
  if (viewer.audience === 'full') return true;
  const view = ch.spec.views?.[viewer.audience];
  return view ? view.item(item as never) !== undefined : true;
}

/** An item as a viewer's audience sees it (masked), or undefined if hidden. */
export function present(ch: RegisteredChannel, item: unknown, viewer: Viewer): unknown {
  if (viewer.audience === 'full') return item;
  const view = ch.spec.views?.[viewer.audience];
  return view ? view.item(item as never) : item;
}

/** A key as a viewer's audience sees it. */
export function presentKey(ch: RegisteredChannel, key: string, viewer: Viewer): string {
  if (viewer.audience === 'full') return key;
  const view = ch.spec.views?.[viewer.audience];
  return view ? view.key(key) : key;
}

/** Registry lookups for names in a tick (all ticks are built from registered channels). */
export function channelOf(registry: ChannelRegistry, name: string): RegisteredChannel {
  const ch = registry.get(name);
  if (!ch) throw new Error(`live channel "${name}" is not registered`);
  return ch;
}
