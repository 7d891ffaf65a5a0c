import { statusAfterSilence, type PatrolState, type SilenceThresholds } from '../../app/patrol/patrol';

/** A fix that passed validation and is already in WGS84 with `ts` in epoch ms. */
export interface AcceptedFix {
  unitId: string;
  lon: number;
  lat: number;
  ts: number;
  speed?: number;
  heading?: number;
  accuracy?: number;
}

export type FixOutcome = 'accepted' | 'duplicate' | 'out-of-order';

interface Entry {
  state: PatrolState;
  /** Server time the latest fix arrived; silence is measured on the server's clock, not the terminal's. */
  lastSeenAt: number;
}

/**
 * Current state of every patrol. Pure: time comes in as `now`, changes go out through `onChange`.
 * Fixes are ordered by their own `ts`, so duplicates and late arrivals never move a patrol backwards.
 */
export class PatrolRegistry {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly silence: SilenceThresholds,
    private readonly onChange: (p: PatrolState) => void = () => {},
    private readonly streetAt: (lon: number, lat: number) => string | undefined = () => undefined,
  ) {}

  applyFix(fix: AcceptedFix, now: number): FixOutcome {
    const prev = this.entries.get(fix.unitId);
    if (prev) {
      if (fix.ts === prev.state.ts) return 'duplicate';
      if (fix.ts < prev.state.ts) return 'out-of-order';
    }
    const state: PatrolState = { unitId: fix.unitId, lon: fix.lon, lat: fix.lat, ts: fix.ts, status: 'online' };
    if (fix.speed !== undefined) state.speed = fix.speed;
    if (fix.heading !== undefined) state.heading = fix.heading;
    const street = this.streetAt(fix.lon, fix.lat);
    if (street) state.street = street;
    this.entries.set(fix.unitId, { state, lastSeenAt: now });
    this.onChange(state);
    return 'accepted';
  }

  /**
   * Takes a state another hall instance (or the database, at start-up) already derived. Older or equal
   * states are ignored; `seenAt` is when the fix reached the hall, so silence is measured from then.
   */
  applyState(state: PatrolState, seenAt: number, now: number): boolean {
    const prev = this.entries.get(state.unitId);
    if (prev && state.ts <= prev.state.ts) return false;
    const next: PatrolState = { ...state, status: statusAfterSilence(now - seenAt, this.silence) };
    this.entries.set(state.unitId, { state: next, lastSeenAt: seenAt });
    this.onChange(next);
    return true;
  }

  /** Re-derives online/stale/offline from silence; call it on a timer. */
  sweep(now: number): void {
    for (const entry of this.entries.values()) {
      const status = statusAfterSilence(now - entry.lastSeenAt, this.silence);
      if (status !== entry.state.status) {
        entry.state = { ...entry.state, status };
        this.onChange(entry.state);
      }
    }
  }

  get(unitId: string): PatrolState | undefined {
    return this.entries.get(unitId)?.state;
  }

  list(): PatrolState[] {
    return Array.from(this.entries.values(), (e) => e.state);
  }

  get size(): number {
    return this.entries.size;
  }
}
