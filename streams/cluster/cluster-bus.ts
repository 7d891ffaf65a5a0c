import { Compile } from 'typebox/compile';
import type { CameraState } from '../../app/camera/camera';
import { ClusterState } from '../../app/hall/cluster-message';
import type { PatrolState } from '../../app/patrol/patrol';
import type { ReportState } from '../../app/report/inspector-report';
import type { StateBroadcast } from '../hall/hall-state';

const checkClusterState = Compile(ClusterState);

/**
 * Hall servers on one external broker each ingest a share of the fixes (shared subscription) and tell the
 * others what they accepted, batched per tick on `<prefix>_cluster/state`, so every server can serve every
 * wall its whole scope.
 */
export class ClusterBus implements StateBroadcast {
  private patrols = new Map<string, { state: PatrolState; seenAt: number }>();
  private reports: ReportState[] = [];
  private cameras = new Map<string, CameraState>();

  constructor(
    readonly instanceId: string,
    private readonly publish: (payload: string) => void,
    private readonly onRemote: (msg: ClusterState) => void,
    private readonly onBad: () => void = () => {},
  ) {}

  patrol(state: PatrolState, seenAt: number): void {
    this.patrols.set(state.unitId, { state, seenAt });
  }

  report(r: ReportState): void {
    this.reports.push(r);
  }

  camera(c: CameraState): void {
    this.cameras.set(c.id, c);
  }

  /** Sends what was accepted since the last flush, as one message. */
  flush(): void {
    if (!this.patrols.size && !this.reports.length && !this.cameras.size) return;
    const msg: ClusterState = { v: 1, from: this.instanceId };
    if (this.patrols.size) msg.patrols = Array.from(this.patrols.values());
    if (this.reports.length) msg.reports = this.reports;
    if (this.cameras.size) msg.cameras = Array.from(this.cameras.values());
    this.patrols = new Map();
    this.reports = [];
    this.cameras = new Map();
    this.publish(JSON.stringify(msg));
  }

  /** A message from the bus: another server's state (our own echoes are ignored). */
  receive(payload: Buffer): void {
    let value: unknown;
    try {
      value = JSON.parse(payload.toString('utf8'));
    } catch {
      return this.onBad();
    }
    // Our own echo (a broker without No Local) is dropped before the costly full check.
    if ((value as { from?: unknown } | null)?.from === this.instanceId) return;
    if (!checkClusterState.Check(value)) return this.onBad();
    this.onRemote(value);
  }
}
