import type { TourRequest, TourState, VideoWallState, VideoWallUpdate } from './video-wall';
import { cellCount, customProblems } from './wall-geometry';

export type UpdateResult = { ok: true; state: VideoWallState } | { ok: false; status: 400 | 409; error: string; message: string };

const bad = (message: string): UpdateResult => ({ ok: false, status: 400, error: 'bad-wall', message });

function sameSelection(a: TourState | undefined, b: TourRequest): boolean {
  return a !== undefined && a.group === b.group && JSON.stringify(a.cameras ?? null) === JSON.stringify(b.cameras ?? null);
}

/**
 * Applies an operator's change to the wall. What the request names explicitly is checked strictly (a pin
 * on a cell the split does not have is a 400); what it leaves as it was is fitted to the new split (a
 * change from 9 to 4 drops the cells, pins and maximised cell that no longer exist).
 */
export function applyUpdate(state: VideoWallState, u: VideoWallUpdate, now: number, by: string, known: (cameraId: string) => boolean): UpdateResult {
  if (u.version !== undefined && u.version !== state.version) {
    return { ok: false, status: 409, error: 'wall-moved-on', message: `the wall is at version ${state.version}, not ${u.version}: someone changed it meanwhile; read it again and retry.` };
  }
  const layout = u.layout ?? state.layout;
  const custom = u.custom ?? state.custom;
  if (layout === 'custom') {
    if (!custom) return bad('a custom split needs its cells: give custom {columns, rows, cells}.');
    const problems = customProblems(custom);
    if (problems.length) return bad(`the custom split is not valid: ${problems.join(' ')}`);
  }
  const n = cellCount(layout, custom);
  const where = layout === 'custom' ? 'the custom split' : `the ${layout} split`;

  if (u.cells && u.cells.length > n) return bad(`${where} has ${n} cells; ${u.cells.length} cameras were given.`);
  const unknown = [...(u.cells ?? []), ...(u.tour?.cameras ?? [])].filter((id): id is string => id !== null && !known(id));
  if (unknown.length) return bad(`no camera is registered as ${[...new Set(unknown)].join(', ')}.`);
  const cells = (u.cells ?? state.cells).slice(0, n);
  while (cells.length && cells[cells.length - 1] === null) cells.pop();

  let pinned: number[];
  if (u.pinned) {
    const outside = u.pinned.filter((i) => i >= n);
    if (outside.length) return bad(`${where} has cells 0–${n - 1}; cannot pin ${outside.join(', ')}.`);
    const empty = u.pinned.filter((i) => !cells[i]);
    if (empty.length) return bad(`cell${empty.length > 1 ? 's' : ''} ${empty.join(', ')} ${empty.length > 1 ? 'have' : 'has'} no camera to pin: give it one in cells.`);
    pinned = u.pinned;
  } else pinned = state.pinned.filter((i) => i < n && cells[i]);
  pinned = [...new Set(pinned)].sort((a, b) => a - b);

  let tour = state.tour;
  if (u.tour === null) tour = undefined;
  else if (u.tour) {
    if (u.tour.group !== undefined && u.tour.cameras !== undefined) return bad('a tour cycles a group or a list of cameras, not both.');
    const { group, cameras, dwellS } = u.tour;
    // The same cameras with another dwell keep their page and pause; other cameras start from the first page.
    tour = sameSelection(state.tour, u.tour) && state.tour ? { ...state.tour, dwellS } : { ...(group !== undefined ? { group } : {}), ...(cameras ? { cameras } : {}), dwellS, position: 0, startedAt: now };
  }

  let maximised = u.maximised === null ? undefined : (u.maximised ?? state.maximised);
  if (u.maximised !== undefined && u.maximised !== null && u.maximised >= n) return bad(`${where} has cells 0–${n - 1}; cannot maximise cell ${u.maximised}.`);
  if (maximised !== undefined && maximised >= n) maximised = undefined;

  const next: VideoWallState = { id: 'wall', version: state.version + 1, layout, cells, pinned, updatedAt: now, by: by.slice(0, 64) };
  if (custom) next.custom = custom; // kept under another split too: switching back restores the operator's own cells
  if (tour) next.tour = tour;
  if (maximised !== undefined) next.maximised = maximised;
  return { ok: true, state: next };
}
