import type { PlaceTags } from '../../app/place/place-codes';
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

/** Why a patrol's state changed: a fix here, a state from another hall server or the database, or silence. */
export type ChangeCause = 'fix' | 'remote' | 'restore' | 'sweep';

export interface RegistryListener {
  changed(p: PatrolState, cause: ChangeCause): void;
  /** A patrol silent for longer than `forgetAfterMs` left the live state. */
  removed(unitId: string): void;
}

export interface RegistryOptions extends SilenceThresholds {
  /** Silence after which a patrol leaves the live state (ghost units must not grow the snapshot forever). */
  forgetAfterMs: number;
}

/**
 * Current state of every patrol. Pure: time comes in as `now`, changes go out through the listener.
 * Fixes are ordered by their own `ts`, so duplicates and late arrivals never move a patrol backwards;
 * silence is measured on the hall's clock from when the latest fix arrived (`seenAt`).
 */
export class PatrolRegistry {
  private readonly entries = new Map<string, PatrolState>();

  constructor(
    private readonly o: RegistryOptions,
    private readonly listener: RegistryListener = { changed: () => {}, removed: () => {} },
    private readonly locate: (lon: number, lat: number) => PlaceTags = () => ({}),
  ) {}

  private place(state: PatrolState): PatrolState {
    const tags = this.locate(state.lon, state.lat);
    if (tags.street) state.street = tags.street;
    if (tags.community) state.community = tags.community;
    if (tags.grid) state.grid = tags.grid;
    return state;
  }

  applyFix(fix: AcceptedFix, now: number): FixOutcome {
    const prev = this.entries.get(fix.unitId);
    if (prev) {
      if (fix.ts === prev.ts) return 'duplicate';
      if (fix.ts < prev.ts) return 'out-of-order';
    }
    const state = this.place({ unitId: fix.unitId, lon: fix.lon, lat: fix.lat, ts: fix.ts, seenAt: now, status: 'online' });
    if (fix.speed !== undefined) state.speed = fix.speed;
    if (fix.heading !== undefined) state.heading = fix.heading;
    this.entries.set(fix.unitId, state);
    this.listener.changed(state, 'fix');
    return 'accepted';
  }

  /**
   * Takes a state another hall server (or the database, at start-up) derived. Older or equal states are
   * ignored, and so are states already silent past forgetting; the status follows from `seenAt`.
   */
  applyState(state: PatrolState, now: number, cause: 'remote' | 'restore'): boolean {
    const prev = this.entries.get(state.unitId);
    if (prev && state.ts <= prev.ts) return false;
    if (now - state.seenAt >= this.o.forgetAfterMs) return false;
    let next: PatrolState = { ...state, status: statusAfterSilence(now - state.seenAt, this.o) };
    // Stored rows carry no place; another hall server's states were placed there already.
    if (cause === 'restore') next = this.place(next);
    this.entries.set(state.unitId, next);
    this.listener.changed(next, cause);
    return true;
  }

  /** Re-derives online/stale/offline from silence, and forgets patrols silent too long. Call it on a timer. */
  sweep(now: number): void {
    for (const [unitId, state] of this.entries) {
      const silence = now - state.seenAt;
      if (silence >= this.o.forgetAfterMs) {
        this.entries.delete(unitId);
        this.listener.removed(unitId);
        continue;
      }
      const status = statusAfterSilence(silence, this.o);
      if (status !== state.status) {
        const next = { ...state, status };
        this.entries.set(unitId, next);
        this.listener.changed(next, 'sweep');
      }
    }
  }

  get(unitId: string): PatrolState | undefined {
    return this.entries.get(unitId);
  }

  list(): PatrolState[] {
    return Array.from(this.entries.values());
  }

  get size(): number {
    return this.entries.size;
  }
}
