import type { CameraState } from '../../app/camera/camera';
import type { CityInfo } from '../../app/city/city';
import { StreetLocator } from '../../app/city/street-locator';
import type { ClusterState } from '../../app/hall/cluster-message';
import { RECENT_REPORTS } from '../../app/live/live-view';
import { countByStatus, type PatrolState, type SilenceThresholds } from '../../app/patrol/patrol';
import type { ReportState } from '../../app/report/inspector-report';
import type { IngestSink } from '../ingest/ingest-pipeline';
import type { LiveHub } from '../live/live-hub';
import { PatrolRegistry, type FixOutcome } from '../patrol/patrol-registry';
import type { TrackWriter } from '../tracks/track-writer';
import { CameraRegistry } from '../video/camera-registry';

/** Where accepted input is persisted; the database may still be opening. */
export interface HallPersistence {
  tracks: Pick<TrackWriter, 'add'>;
  /** Store at most one fix per patrol per this interval (0: every fix). */
  trackMinIntervalMs: number;
  saveReport(r: ReportState): Promise<boolean>;
}

/** Someone to tell about locally accepted state (the cluster bus), when several servers share a broker. */
export interface StateBroadcast {
  patrol(p: PatrolState, seenAt: number): void;
  report(r: ReportState): void;
  camera(c: CameraState): void;
}

/**
 * The hall's live state: patrols, cameras, recent reports. It is the ingest sink (local input, stored once)
 * and the cluster sink (state other servers ingested), and it feeds the live fan-out.
 */
export class HallState implements IngestSink {
  readonly patrols: PatrolRegistry;
  readonly cameras: CameraRegistry;
  readonly streets: StreetLocator;
  private recent: ReportState[] = [];
  /** Per patrol, the ts of the last fix sent to the track store. */
  private readonly lastStored = new Map<string, number>();
  private readonly reportIds = new Set<string>();
  broadcast: StateBroadcast | undefined;

  constructor(
    city: CityInfo,
    silence: SilenceThresholds,
    private readonly hub: LiveHub,
    private readonly persistence: HallPersistence,
    private readonly warn: (line: string) => void,
  ) {
    this.streets = new StreetLocator(city.places);
    this.patrols = new PatrolRegistry(silence, (p) => hub.patrolChanged(p), (lon, lat) => this.streets.streetAt(lon, lat));
    this.cameras = new CameraRegistry((c) => hub.cameraChanged(c));
  }

  /** Locates a camera in its street, then registers it. */
  upsertCamera(c: CameraState): void {
    const street = c.lon !== undefined && c.lat !== undefined ? this.streets.streetAt(c.lon, c.lat) : undefined;
    const located = street ? { ...c, street } : c;
    this.cameras.upsert(located);
    this.broadcast?.camera(located);
  }

  reports(): ReportState[] {
    return this.recent;
  }

  counts() {
    return countByStatus(this.patrols.list());
  }

  // — IngestSink: input accepted on this server —

  fixes(fixes: Parameters<IngestSink['fixes']>[0], now: number): FixOutcome[] {
    return fixes.map((f) => {
      const outcome = this.patrols.applyFix(f, now);
      if (outcome === 'accepted') {
        const last = this.lastStored.get(f.unitId);
        if (last === undefined || f.ts - last >= this.persistence.trackMinIntervalMs) {
          this.persistence.tracks.add(f, now);
          this.lastStored.set(f.unitId, f.ts);
        }
        const state = this.patrols.get(f.unitId);
        if (state) this.broadcast?.patrol(state, now);
      }
      return outcome;
    });
  }

  report(r: ReportState): void {
    if (this.reportIds.has(r.id)) return; // a terminal's retry of a report we already hold
    this.persistence.saveReport(r).then(
      (isNew) => {
        if (!isNew) return;
        this.addReport(r);
        this.broadcast?.report(r);
      },
      (err: Error) => this.warn(`report ${r.id} could not be stored (${err.message}); the terminal should send it again`),
    );
  }

  cameraStatus(cameraId: string, online: boolean): 'ok' | 'unknown-camera' | 'stale' {
    const cam = this.cameras.get(cameraId);
    if (!cam) return 'unknown-camera';
    this.upsertCamera(online ? { ...cam, online, reason: undefined } : { ...cam, online, reason: 'reported-offline' });
    return 'ok';
  }

  /** Reports loaded at start-up, newest first. */
  seedReports(list: readonly ReportState[]): void {
    for (const r of [...list].reverse()) if (!this.reportIds.has(r.id)) this.addReport(r, false);
  }

  private addReport(r: ReportState, announce = true): void {
    this.reportIds.add(r.id);
    this.recent = [r, ...this.recent].slice(0, RECENT_REPORTS);
    if (this.reportIds.size > RECENT_REPORTS * 20) {
      this.reportIds.clear();
      for (const x of this.recent) this.reportIds.add(x.id);
    }
    if (announce) this.hub.reportAdded(r);
  }

  // — state another server ingested —

  applyCluster(msg: ClusterState, now: number): void {
    for (const { state, seenAt } of msg.patrols ?? []) this.patrols.applyState(state, seenAt, now);
    for (const r of msg.reports ?? []) if (!this.reportIds.has(r.id)) this.addReport(r);
    for (const c of msg.cameras ?? []) this.cameras.upsert(c);
  }
}
