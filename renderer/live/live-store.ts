import { createStore, type StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { Static, TSchema } from 'typebox';
import type { ChannelSpec } from '../../app/live/channel';
import { EMPTY_VIEW, latestOf, recentOf, type ChannelData, type LiveView } from '../../app/live/live-view';
import type { Connection } from './live-client';

/**
 * The wall's live state, in small slices (zustand): the link, and one slice per channel. A panel, a map
 * layer or a chart subscribes to the slices it draws, so a patrol moving never re-renders the report feed.
 */
export interface LinkState {
  connection: Connection;
  /** The view's position in the hall's sequence (diagnostics, resume). */
  view: LiveView;
  /** Surface clock when the last message arrived, and server clock minus surface clock then. */
  lastMessageAt: number;
  clockOffsetMs: number;
}

export const linkStore: StoreApi<LinkState> = createStore<LinkState>()(() => ({
  connection: { state: 'connecting', since: Date.now() },
  view: EMPTY_VIEW,
  lastMessageAt: 0,
  clockOffsetMs: 0,
}));

export function useLink<T>(selector: (s: LinkState) => T): T {
  return useStore(linkStore, selector);
}

/** The hall's clock as this surface estimates it: the wall ages data on it even with the link down. */
export function serverNow(now = Date.now()): number {
  return now + linkStore.getState().clockOffsetMs;
}

interface ChannelSlice {
  data: ChannelData | undefined;
}

const slices = new Map<string, StoreApi<ChannelSlice>>();

function sliceOf(name: string): StoreApi<ChannelSlice> {
  let s = slices.get(name);
  if (!s) slices.set(name, (s = createStore<ChannelSlice>()(() => ({ data: undefined }))));
  return s;
}

/** Takes a new view: only the slices whose channel changed are touched. */
export function setView(view: LiveView): void {
  const prev = linkStore.getState().view;
  linkStore.setState({ view });
  for (const [name, data] of view.channels) {
    if (prev.channels.get(name) !== data) sliceOf(name).setState({ data });
  }
}

/** Notes that a message arrived, and the hall's time in it. */
export function noteServerTime(serverTime: number, now = Date.now()): void {
  linkStore.setState({ lastMessageAt: now, clockOffsetMs: serverTime - now });
}

const viewOf = (name: string, data: ChannelData | undefined): LiveView => ({ ...EMPTY_VIEW, channels: data ? new Map([[name, data]]) : new Map() });

/** A `latest` channel's items by key, for React. */
export function useLatest<S extends TSchema>(spec: ChannelSpec<S>): ReadonlyMap<string, Static<S>> {
  const data = useStore(sliceOf(spec.name), (s) => s.data);
  return latestOf(viewOf(spec.name, data), spec);
}

/** An `append` channel's recent items, newest first, for React. */
export function useRecent<S extends TSchema>(spec: ChannelSpec<S>): readonly Static<S>[] {
  const data = useStore(sliceOf(spec.name), (s) => s.data);
  return recentOf(viewOf(spec.name, data), spec);
}

/** The same outside React (map layers, charts): the current items, and a subscription to changes. */
export function latestNow<S extends TSchema>(spec: ChannelSpec<S>): ReadonlyMap<string, Static<S>> {
  return latestOf(viewOf(spec.name, sliceOf(spec.name).getState().data), spec);
}

export function recentNow<S extends TSchema>(spec: ChannelSpec<S>): readonly Static<S>[] {
  return recentOf(viewOf(spec.name, sliceOf(spec.name).getState().data), spec);
}

export function onChannel(spec: ChannelSpec, listener: () => void): () => void {
  return sliceOf(spec.name).subscribe((s, prev) => {
    if (s.data !== prev.data) listener();
  });
}
