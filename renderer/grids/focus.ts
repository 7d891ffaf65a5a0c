import type { GridFocus } from '../../app/grid/grid-channels';

/** How long `?grid=` keeps the map on its grid before returning to the whole view. */
export const URL_FOCUS_DWELL_MS = 30_000;

/** A request to focus a grid (or, with `grid: null`, to show the whole view) until a time on the hall's clock. */
export interface FocusRequest {
  grid: string | null;
  /** Hall time (ms) it lasts until. */
  until: number;
  by?: string;
  /** When this surface received it (orders requests: the newest wins). */
  at: number;
}

export const fromChannel = (f: GridFocus, at: number): FocusRequest => ({ grid: f.grid, until: f.until, ...(f.by ? { by: f.by } : {}), at });

/**
 * The grid the map shows now: the newest request still in force wins. A request whose time has passed
 * counts for nothing (a wall opening after yesterday's focus shows the whole view); a current "whole view"
 * request cancels an earlier focus.
 */
export function activeFocus(requests: ReadonlyArray<FocusRequest | undefined>, hallNow: number): FocusRequest | undefined {
  let newest: FocusRequest | undefined;
  for (const r of requests) if (r && hallNow < r.until && (!newest || r.at >= newest.at)) newest = r;
  return newest?.grid ? newest : undefined;
}

/** When the answer of `activeFocus` may next change by time alone (the soonest `until` still ahead), if ever. */
export function nextFocusChange(requests: ReadonlyArray<FocusRequest | undefined>, hallNow: number): number | undefined {
  const ahead = requests.filter((r): r is FocusRequest => !!r && r.until > hallNow).map((r) => r.until);
  return ahead.length ? Math.min(...ahead) : undefined;
}
