import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { EMPTY_VIEW, type LiveView } from '../../app/live/live-view';
import { countByStatus } from '../../app/patrol/patrol';

/** Whether the wall is showing live data; shown plainly in the header, never a silent freeze. */
export type Connection =
  | { state: 'connecting'; since: number }
  | { state: 'live'; since: number }
  | { state: 'reconnecting'; since: number; attempt: number };

export interface OnlineSample {
  t: number;
  online: number;
}

export interface LiveSlice {
  view: LiveView;
  connection: Connection;
  setView(view: LiveView): void;
  setConnection(c: Connection): void;
}

export interface HistorySlice {
  /** Patrols online, sampled on the wall for the trend chart. */
  onlineHistory: OnlineSample[];
  sampleOnline(now: number): void;
}

export type WallState = LiveSlice & HistorySlice;

const HISTORY_MS = 10 * 60_000;

/** The wall's store: one live slice fed by /live, one history slice sampled from it. */
export function createWallStore() {
  return createStore<WallState>()((set, get) => ({
    view: EMPTY_VIEW,
    connection: { state: 'connecting', since: Date.now() },
    setView: (view) => set({ view }),
    setConnection: (connection) => set({ connection }),
    onlineHistory: [],
    sampleOnline: (now) => {
      if (!get().view.epoch) return; // nothing received yet: a 0 here would be a lie, not a measurement
      const online = countByStatus(get().view.patrols.values()).online;
      const kept = get().onlineHistory.filter((s) => s.t >= now - HISTORY_MS);
      set({ onlineHistory: [...kept, { t: now, online }] });
    },
  }));
}

export type WallStore = ReturnType<typeof createWallStore>;

export const wallStore: WallStore = createWallStore();

export function useWall<T>(selector: (s: WallState) => T): T {
  return useStore(wallStore, selector);
}
