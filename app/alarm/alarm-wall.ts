import { distanceMeters, type LngLat } from '../geo/lnglat';
import type { VideoWallState, VideoWallUpdate } from '../video-wall/video-wall';
import { splitGeometry } from '../video-wall/wall-geometry';
import type { WallHold } from './alarm';

/** Where an alarm's camera goes on the CCTV wall. */
export type WallPlacement =
  /** Already pinned there (by the operators or another alarm): nothing to change. */
  | { kind: 'on-wall'; cell: number }
  /** Pin it in `hold.cell` with this change; releasing the hold gives the cell back. */
  | { kind: 'place'; hold: WallHold; update: VideoWallUpdate }
  /** Every cell is pinned: the operators' choices and older alarms stay. */
  | { kind: 'full' };

/**
 * Brings an alarm's camera onto the wall. It takes the largest cell nobody pinned (the big one of the 6
 * split; the first of an even split) — preferring, among those, one already showing it — and pins it there
 * until the alarm is acknowledged. Not maximised: the duty officer keeps the other cameras and any other
 * open alarm in view, and a second alarm takes the next cell instead of replacing the first; an alarm
 * never unpins what an operator or an older alarm holds. `shown` is what each cell shows now (`wallCells`).
 */
export function placeOnWall(state: VideoWallState, shown: ReadonlyArray<string | undefined>, cameraId: string): WallPlacement {
  const g = splitGeometry(state.layout, state.custom);
  const pinned = new Set(state.pinned.filter((i) => i < g.cells.length && state.cells[i]));
  const held = [...pinned].find((i) => state.cells[i] === cameraId);
  if (held !== undefined) return { kind: 'on-wall', cell: held };
  const area = (i: number) => (g.cells[i]?.w ?? 0) * (g.cells[i]?.h ?? 0);
  const free = g.cells.map((_, i) => i).filter((i) => !pinned.has(i));
  const cell = free.sort((a, b) => area(b) - area(a) || Number(shown[b] === cameraId) - Number(shown[a] === cameraId) || a - b)[0];
  if (cell === undefined) return { kind: 'full' };
  const cells = Array.from({ length: Math.max(state.cells.length, cell + 1) }, (_, i) => state.cells[i] ?? null);
  const previous = cells[cell];
  cells[cell] = cameraId;
  const hold: WallHold = previous ? { cell, previous } : { cell };
  return { kind: 'place', hold, update: { version: state.version, cells, pinned: [...pinned, cell].sort((a, b) => a - b) } };
}

/**
 * Gives an acknowledged alarm's cell back: unpinned, with the camera it had before. Undefined when the
 * operators have changed that cell since (it is theirs now) or the split no longer has it.
 */
export function releaseHold(state: VideoWallState, cameraId: string, hold: WallHold): VideoWallUpdate | undefined {
  if (state.cells[hold.cell] !== cameraId || !state.pinned.includes(hold.cell)) return undefined;
  const cells = [...state.cells];
  cells[hold.cell] = hold.previous ?? null;
  return { version: state.version, cells, pinned: state.pinned.filter((i) => i !== hold.cell) };
}

/** A camera as locating needs it. */
export interface PlacedCamera {
  id: string;
  lon?: number | undefined;
  lat?: number | undefined;
}

/** The camera nearest to a point within `maxMeters` (a hall has at most 2,000 cameras: a linear scan). */
export function nearestCamera(cameras: Iterable<PlacedCamera>, at: LngLat, maxMeters: number): { id: string; distanceM: number } | undefined {
  let best: { id: string; distanceM: number } | undefined;
  for (const c of cameras) {
    if (c.lon === undefined || c.lat === undefined) continue;
    const d = distanceMeters(at, [c.lon, c.lat]);
    if (d <= maxMeters && (!best || d < best.distanceM || (d === best.distanceM && c.id < best.id))) best = { id: c.id, distanceM: d };
  }
  return best;
}
