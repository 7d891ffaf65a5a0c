import type { CameraState } from '../camera/camera';
import type { PatrolState } from '../patrol/patrol';
import type { Delta, Snapshot } from './protocol';

/**
 * What a surface knows of the live city, rebuilt from a snapshot and advanced by deltas.
 * Pure: the renderer's store and the tests both use it.
 */
export interface LiveView {
  epoch: string;
  seq: number;
  serverTime: number;
  patrols: ReadonlyMap<string, PatrolState>;
  cameras: ReadonlyMap<string, CameraState>;
}

export const EMPTY_VIEW: LiveView = { epoch: '', seq: 0, serverTime: 0, patrols: new Map(), cameras: new Map() };

export function viewFromSnapshot(s: Snapshot): LiveView {
  return {
    epoch: s.epoch,
    seq: s.seq,
    serverTime: s.serverTime,
    patrols: new Map(s.patrols.map((p) => [p.unitId, p])),
    cameras: new Map(s.cameras.map((c) => [c.id, c])),
  };
}

export type ApplyResult = { ok: true; view: LiveView } | { ok: false; reason: 'gap' | 'stale'; expected: number };

/** Applies a delta if it is the next in sequence; a gap means the client must resync. */
export function applyDelta(view: LiveView, d: Delta): ApplyResult {
  if (d.seq <= view.seq) return { ok: false, reason: 'stale', expected: view.seq + 1 };
  if (d.seq !== view.seq + 1) return { ok: false, reason: 'gap', expected: view.seq + 1 };
  let patrols = view.patrols;
  if (d.patrols?.length || d.patrolsRemoved?.length) {
    const next = new Map(patrols);
    for (const p of d.patrols ?? []) next.set(p.unitId, p);
    for (const id of d.patrolsRemoved ?? []) next.delete(id);
    patrols = next;
  }
  let cameras = view.cameras;
  if (d.cameras?.length) {
    const next = new Map(cameras);
    for (const c of d.cameras) next.set(c.id, c);
    cameras = next;
  }
  return { ok: true, view: { epoch: view.epoch, seq: d.seq, serverTime: d.serverTime, patrols, cameras } };
}
