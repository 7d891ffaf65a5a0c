import { createStore } from 'zustand/vanilla';
import { surfaceGet } from '../access/surface';
import { HallError } from '../access/hall-api';
import { serverNow } from '../live/live-store';
import { TrackPage, type TrackPoint } from '../../app/patrol/track';
import { hallDayStart, loadTrack, replayTime } from './replay';

/** Replay seconds per wall second unless `?replay-speed=` says otherwise: a 10-hour shift in 10 minutes. */
export const DEFAULT_REPLAY_SPEED = 60;

export interface ReplayState {
  unitId?: string;
  status: 'off' | 'loading' | 'ready' | 'empty' | 'failed';
  points: readonly TrackPoint[];
  /** The first and last fix (the slider's ends). */
  start: number;
  end: number;
  t: number;
  anchor: number;
  playing: boolean;
  speed: number;
  error?: string;
}

const OFF: ReplayState = { status: 'off', points: [], start: 0, end: 0, t: 0, anchor: 0, playing: false, speed: DEFAULT_REPLAY_SPEED };

/** One patrol's day, replayed over the live map (`?replay=<unitId>`, or a click on a patrol at the console). */
export const replayStore = createStore<ReplayState>()(() => OFF);

let timeZone = 'Asia/Shanghai';
let loading: AbortController | undefined;

/** The replay's time now (wall clock). */
export const replayNow = (s: ReplayState = replayStore.getState()): number => replayTime(s, Date.now());

function setUrl(unitId: string | undefined): void {
  const url = new URL(location.href);
  if (unitId) url.searchParams.set('replay', unitId);
  else url.searchParams.delete('replay');
  history.replaceState(history.state, '', url);
}

/** Loads today's track of `unitId` (in the hall's day) and plays it from the start. */
export function startReplay(unitId: string, speed = replayStore.getState().speed): void {
  loading?.abort();
  const abort = new AbortController();
  loading = abort;
  setUrl(unitId);
  replayStore.setState({ ...OFF, unitId, status: 'loading', speed });
  const to = serverNow();
  void loadTrack((path) => surfaceGet(path, TrackPage, abort.signal), unitId, hallDayStart(to, timeZone), to)
    .then((points) => {
      if (abort.signal.aborted) return;
      if (!points.length) return replayStore.setState({ status: 'empty' });
      const start = (points[0] as TrackPoint).ts;
      replayStore.setState({ status: 'ready', points, start, end: (points.at(-1) as TrackPoint).ts, t: start, anchor: Date.now(), playing: true });
    })
    .catch((err: unknown) => {
      if (abort.signal.aborted) return;
      const refused = err instanceof HallError && (err.status === 401 || err.status === 403);
      replayStore.setState({ status: 'failed', error: refused ? 'refused' : err instanceof Error ? err.message : String(err) });
    });
}

export function stopReplay(): void {
  loading?.abort();
  setUrl(undefined);
  replayStore.setState(OFF, true);
}

export function play(): void {
  const s = replayStore.getState();
  const t = replayNow(s) >= s.end ? s.start : replayNow(s); // at the end, play starts over
  replayStore.setState({ t, anchor: Date.now(), playing: true });
}

export function pause(): void {
  replayStore.setState({ t: replayNow(), anchor: Date.now(), playing: false });
}

export function seek(t: number): void {
  const s = replayStore.getState();
  replayStore.setState({ t: Math.min(s.end, Math.max(s.start, t)), anchor: Date.now() });
}

/** Whether the replay is moving now; one that has reached its end pauses there (and the map stops drawing). */
export function replayMoving(): boolean {
  const s = replayStore.getState();
  if (!s.playing || s.status !== 'ready') return false;
  if (replayNow(s) < s.end) return true;
  queueMicrotask(() => replayStore.setState({ t: s.end, playing: false }));
  return false;
}

/** `?replay=<unitId>` (and `?replay-speed=`), read once when the map opens. */
export function replayFromUrl(search: string, hallTimeZone: string): void {
  timeZone = hallTimeZone;
  const q = new URLSearchParams(search);
  const unitId = q.get('replay');
  const speed = Number(q.get('replay-speed'));
  const valid = Number.isFinite(speed) && speed >= 1 && speed <= 3600 ? speed : DEFAULT_REPLAY_SPEED;
  replayStore.setState({ speed: valid });
  if (unitId && /^[A-Za-z0-9_.-]{1,64}$/.test(unitId) && replayStore.getState().unitId !== unitId) startReplay(unitId, valid);
}
