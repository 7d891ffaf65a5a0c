import type { RegisteredChannel } from '../../app/live/channel';
import type { ChannelSnapshot } from '../../app/live/protocol';
import { present, visible, type Viewer } from './tick';

/**
 * The current content of every live channel, from which snapshots are cut: the latest item per key, or
 * an append channel's newest `keep` items. Items are immutable once published; they are shared, not copied.
 */
export class ChannelState {
  private readonly latest = new Map<string, Map<string, unknown>>();
  private readonly recent = new Map<string, unknown[]>();

  upsert(ch: RegisteredChannel, key: string, item: unknown): void {
    let m = this.latest.get(ch.spec.name);
    if (!m) this.latest.set(ch.spec.name, (m = new Map()));
    m.set(key, item);
  }

  remove(ch: RegisteredChannel, key: string): void {
    this.latest.get(ch.spec.name)?.delete(key);
  }

  append(ch: RegisteredChannel, item: unknown): void {
    let list = this.recent.get(ch.spec.name);
    if (!list) this.recent.set(ch.spec.name, (list = []));
    list.push(item);
    const keep = ch.spec.keep ?? 100;
    if (list.length > keep * 2) list.splice(0, list.length - keep);
  }

  /** Original keys of a `latest` channel's items this viewer sees. */
  visibleKeys(ch: RegisteredChannel, viewer: Viewer): string[] {
    const keys: string[] = [];
    for (const [k, item] of this.latest.get(ch.spec.name) ?? []) if (visible(ch, item, viewer)) keys.push(k);
    return keys;
  }

  /** A channel as this viewer sees it now: its items in scope, masked for its audience; append channels oldest first. */
  snapshot(ch: RegisteredChannel, viewer: Viewer): ChannelSnapshot {
    const items: unknown[] = [];
    if (ch.spec.merge === 'latest') {
      for (const item of this.latest.get(ch.spec.name)?.values() ?? []) {
        if (visible(ch, item, viewer)) items.push(present(ch, item, viewer));
      }
    } else {
      const list = this.recent.get(ch.spec.name) ?? [];
      for (const item of list.slice(-(ch.spec.keep ?? 100))) {
        if (visible(ch, item, viewer)) items.push(present(ch, item, viewer));
      }
    }
    return { items };
  }

  size(ch: RegisteredChannel): number {
    return ch.spec.merge === 'latest' ? (this.latest.get(ch.spec.name)?.size ?? 0) : Math.min(this.recent.get(ch.spec.name)?.length ?? 0, ch.spec.keep ?? 100);
  }
}
