import type { CameraState } from '../camera/camera';
import type { PatrolState } from '../patrol/patrol';
import type { ReportState } from '../report/inspector-report';
import type { Delta, Snapshot } from './protocol';

/** How many recent reports a surface keeps. */
export const RECENT_REPORTS = 50;

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
  /** Newest first. */
  reports: readonly ReportState[];
}

export const EMPTY_VIEW: LiveView = { epoch: '', seq: 0, serverTime: 0, patrols: new Map(), cameras: new Map(), reports: [] };

export function viewFromSnapshot(s: Snapshot): LiveView {
  return {
    epoch: s.epoch,
    seq: s.seq,
    serverTime: s.serverTime,
    patrols: new Map(s.patrols.map((p) => [p.unitId, p])),
    cameras: new Map(s.cameras.map((c) => [c.id, c])),
    reports: s.reports.slice(0, RECENT_REPORTS),
  };
}

export type ApplyResult = { ok: true; view: LiveView } | { ok: false; reason: 'gap' | 'stale'; expected: number };

/** Applies a delta if it continues exactly where the view is; a gap means the surface must resync. */
export function applyDelta(view: LiveView, d: Delta): ApplyResult {
  const from = d.from ?? d.seq;
  if (d.seq <= view.seq) return { ok: false, reason: 'stale', expected: view.seq + 1 };
  if (from !== view.seq + 1 || from > d.seq) return { ok: false, reason: 'gap', expected: view.seq + 1 };
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
  let reports = view.reports;
  if (d.reports?.length) reports = [...d.reports].reverse().concat(reports).slice(0, RECENT_REPORTS);
  return { ok: true, view: { epoch: view.epoch, seq: d.seq, serverTime: d.serverTime, patrols, cameras, reports } };
}

/** A ping says the surface is up to date to `seq` (nothing in its scope happened in between). */
export function applyPingSeq(view: LiveView, seq: number | undefined): LiveView {
  return seq !== undefined && seq > view.seq ? { ...view, seq } : view;
}
