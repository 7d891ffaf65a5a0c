import type { PauseReason, TourState, VideoWallState } from './video-wall';
import { cellCount } from './wall-geometry';

/** A camera as tours need it: its id and groups. */
export interface TourCamera {
  id: string;
  groups?: readonly string[] | undefined;
}

/**
 * The tour at time `t`: a pause that has run out is over (the page it resumes on gets a whole dwell), and
 * every dwell that has passed turns one page. The hall's timer and every window compute the same thing
 * from the same (position, startedAt), so windows turn together even between the hall's messages.
 */
export function tourAt(tour: TourState, t: number): TourState {
  let cur = tour;
  if (cur.pausedBy !== undefined) {
    if (cur.pausedUntil === undefined || t < cur.pausedUntil) return cur;
    const { pausedBy: _by, pausedUntil: _until, ...running } = cur;
    cur = { ...running, startedAt: cur.pausedUntil };
  }
  const dwell = cur.dwellS * 1000;
  if (t < cur.startedAt + dwell) return cur;
  const k = Math.floor((t - cur.startedAt) / dwell);
  return { ...cur, position: cur.position + k, startedAt: cur.startedAt + k * dwell };
}

/**
 * Pauses the tour. A pause with an end (an alarm, a new video case) never shortens another one and never
 * ends an open-ended pause; an operator's pause without seconds holds until someone resumes.
 */
export function pauseTour(tour: TourState, by: PauseReason, now: number, seconds?: number): TourState {
  const cur = tourAt(tour, now);
  const openEnded = cur.pausedBy !== undefined && cur.pausedUntil === undefined;
  if (seconds === undefined) {
    const { pausedUntil: _u, ...rest } = cur;
    return { ...rest, pausedBy: by };
  }
  if (openEnded) return cur;
  const until = Math.max(now + seconds * 1000, cur.pausedBy !== undefined ? (cur.pausedUntil ?? 0) : 0);
  return { ...cur, pausedBy: by, pausedUntil: until };
}

/** Resumes a paused tour: the page on screen gets a whole dwell from now. */
export function resumeTour(tour: TourState, now: number): TourState {
  const cur = tourAt(tour, now);
  if (cur.pausedBy === undefined) return cur;
  const { pausedBy: _by, pausedUntil: _until, ...running } = cur;
  return { ...running, startedAt: now };
}

/** Turns to the next page now (paused or not; a paused tour stays paused on it). */
export function nextPage(tour: TourState, now: number): TourState {
  const cur = tourAt(tour, now);
  return { ...cur, position: cur.position + 1, startedAt: now };
}

/** The cameras a tour cycles: its list as given, its group's cameras, or every camera — those this surface knows. */
export function tourList(tour: Pick<TourState, 'group' | 'cameras'>, cameras: Iterable<TourCamera>): string[] {
  const all = [...cameras];
  if (tour.cameras) {
    const known = new Set(all.map((c) => c.id));
    return tour.cameras.filter((id) => known.has(id));
  }
  const { group } = tour;
  return all
    .filter((c) => group === undefined || (c.groups ?? []).includes(group))
    .map((c) => c.id)
    .sort((a, b) => a.localeCompare(b));
}

/** Where the tour is, for the wall's indicator. */
export interface TourView {
  /** 0-based page on screen, and how many pages the tour has (1: everything fits, nothing turns). */
  page: number;
  pages: number;
  /** When the next page comes up (running tours with more than one page). */
  nextAt?: number;
  pausedBy?: PauseReason;
  pausedUntil?: number;
  group?: string;
  /** Cameras in the tour (after those pinned elsewhere on the wall). */
  size: number;
}

export interface WallCells {
  /** The camera in each cell of the split, in reading order (undefined: none). */
  cells: Array<string | undefined>;
  tour?: TourView;
}

/**
 * Which camera each cell shows at time `t`. Pinned cells keep theirs; the others show the tour's current
 * page — the tour's cameras less those pinned, `free` at a time, wrapping round on the last page so no
 * cell stands empty — or, without a tour, the camera the cell was given.
 */
export function wallCells(state: VideoWallState, cameras: Iterable<TourCamera>, t: number): WallCells {
  const n = cellCount(state.layout, state.custom);
  const pinned = new Set(state.pinned.filter((i) => i < n && state.cells[i]));
  const cells: Array<string | undefined> = Array.from({ length: n }, (_, i) => (pinned.has(i) || !state.tour ? (state.cells[i] ?? undefined) : undefined));
  if (!state.tour) return { cells };
  const tour = tourAt(state.tour, t);
  const free = cells.map((_, i) => i).filter((i) => !pinned.has(i));
  const held = new Set([...pinned].map((i) => state.cells[i]));
  const list = tourList(tour, cameras).filter((id) => !held.has(id));
  const pages = free.length && list.length ? Math.ceil(list.length / free.length) : 1;
  const page = tour.position % pages;
  const start = page * free.length;
  free.forEach((cell, k) => {
    if (list.length > free.length || k < list.length) cells[cell] = list[(start + k) % list.length];
  });
  const view: TourView = { page, pages, size: list.length };
  if (tour.group !== undefined) view.group = tour.group;
  if (tour.pausedBy !== undefined) {
    view.pausedBy = tour.pausedBy;
    if (tour.pausedUntil !== undefined) view.pausedUntil = tour.pausedUntil;
  } else if (pages > 1) view.nextAt = tour.startedAt + tour.dwellS * 1000;
  return { cells, tour: view };
}
