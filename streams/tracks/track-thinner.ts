/**
 * Which fixes a patrol's stored track keeps: at most one per `intervalMs` (TRACK_MIN_INTERVAL_MS). Live
 * fixes arrive in order; a flushed offline queue arrives behind the live ones, so it is thinned on its own.
 * Pure.
 */
export class TrackThinner {
  private readonly lastLive = new Map<string, number>();
  private readonly lastBacklog = new Map<string, number>();

  constructor(private readonly intervalMs: number) {}

  keep(unitId: string, ts: number): boolean {
    if (this.intervalMs <= 0) return true;
    const live = this.lastLive.get(unitId);
    if (live === undefined || ts > live) {
      if (live !== undefined && ts - live < this.intervalMs) return false;
      this.lastLive.set(unitId, ts);
      return true;
    }
    const back = this.lastBacklog.get(unitId);
    if (back !== undefined && Math.abs(ts - back) < this.intervalMs) return false;
    this.lastBacklog.set(unitId, ts);
    return true;
  }

  /** Forgets a unit (it left the live state). */
  forget(unitId: string): void {
    this.lastLive.delete(unitId);
    this.lastBacklog.delete(unitId);
  }

  get size(): number {
    return this.lastLive.size;
  }
}
