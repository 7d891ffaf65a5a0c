import { distanceMeters } from '../../app/geo/lnglat';

export interface MotionLimits {
  /** A glide is never shorter than this (a burst of fixes still moves, not jumps). */
  minGlideMs: number;
  /** Fixes further apart in time than this are not glided between: the dot jumps and the trail breaks. */
  maxGlideMs: number;
  /** Nor are fixes further apart than this (a GPS jump, a handset switched on elsewhere). */
  maxGlideM: number;
  /** How much trail each patrol keeps, and how much all of them keep together (bounded memory: a fair share each). */
  trailMs: number;
  maxPointsPerPatrol: number;
  maxPointsTotal: number;
}

export const MOTION_LIMITS: MotionLimits = {
  minGlideMs: 250,
  maxGlideMs: 15_000,
  maxGlideM: 600,
  trailMs: 5 * 60_000,
  maxPointsPerPatrol: 400,
  maxPointsTotal: 40_000,
};

/** A fix on the wall's timeline: `t` is when (wall clock) the dot reaches it. `gap`: the trail breaks before it. */
interface Vertex {
  lon: number;
  lat: number;
  t: number;
  gap?: boolean;
}

interface Track {
  vertices: Vertex[];
  /** The newest fix's own time (terminal clock), to drop late and repeated states. */
  ts: number;
}

export interface Trail {
  unitId: string;
  path: Array<[number, number]>;
  /** Seconds since the book's start, per vertex (what deck's TripsLayer fades by; small, so float32 is exact enough). */
  times: number[];
}

/**
 * Patrols' recent movement as the wall draws it. A new fix is not jumped to: the dot glides there from
 * the previous one over the fix interval (so it moves as smoothly as the terminal reports, one interval
 * behind). The same vertices make the trail of the last few minutes. Bounded: points per patrol and in
 * all are capped, oldest dropped first. Pure apart from the times it is given.
 */
export class MotionBook {
  private readonly tracks = new Map<string, Track>();
  private total = 0;
  private until = -Infinity;
  /** Bumped whenever a trail changes (so its drawing is rebuilt only then). */
  version = 0;

  constructor(
    readonly base: number,
    private readonly limits: MotionLimits = MOTION_LIMITS,
  ) {}

  /** A patrol's latest position from the live channel, seen at wall time `now`. */
  observe(unitId: string, lon: number, lat: number, ts: number, now: number): void {
    const tr = this.tracks.get(unitId);
    if (!tr) {
      this.tracks.set(unitId, { vertices: [{ lon, lat, t: now }], ts });
      this.total++;
      this.version++;
      return;
    }
    if (ts <= tr.ts) return; // the same state again, or a late one
    const interval = ts - tr.ts;
    tr.ts = ts;
    const last = tr.vertices.at(-1) as Vertex;
    if (last.lon === lon && last.lat === lat) return;
    const far = interval > this.limits.maxGlideMs || distanceMeters([last.lon, last.lat], [lon, lat]) > this.limits.maxGlideM;
    let v: Vertex;
    if (far) v = { lon, lat, t: Math.max(now, last.t), gap: true };
    else {
      // Glide over the interval from now; if still gliding to the previous fix, catch up rather than fall further behind.
      const glide = Math.max(this.limits.minGlideMs, interval);
      v = { lon, lat, t: Math.max(now + glide, last.t + this.limits.minGlideMs) };
      // Resting at the previous fix until now: it leaves from there now (the trail waits there too).
      if (last.t < now) {
        tr.vertices.push({ lon: last.lon, lat: last.lat, t: now });
        this.total++;
      }
    }
    tr.vertices.push(v);
    this.until = Math.max(this.until, v.t);
    this.total++;
    this.version++;
    this.cap(tr);
  }

  /** Where to draw a patrol at wall time `t` (undefined: never seen). */
  positionAt(unitId: string, t: number): [number, number] | undefined {
    const vs = this.tracks.get(unitId)?.vertices;
    if (!vs?.length) return undefined;
    for (let i = vs.length - 1; i > 0; i--) {
      const b = vs[i] as Vertex;
      const a = vs[i - 1] as Vertex;
      if (t >= b.t) return [b.lon, b.lat];
      if (t >= a.t) {
        if (b.gap) return [a.lon, a.lat];
        const f = (t - a.t) / (b.t - a.t);
        return [a.lon + (b.lon - a.lon) * f, a.lat + (b.lat - a.lat) * f];
      }
    }
    const first = vs[0] as Vertex;
    return [first.lon, first.lat];
  }

  /** Whether any patrol is still gliding at wall time `t` (then the map keeps drawing, capped). */
  moving(t: number): boolean {
    return t < this.until;
  }

  /** Drops patrols that left the live state. */
  keepOnly(unitIds: ReadonlySet<string>): void {
    for (const [id, tr] of this.tracks) {
      if (unitIds.has(id)) continue;
      this.total -= tr.vertices.length;
      this.tracks.delete(id);
      this.version++;
    }
  }

  /** Drops trail older than the trail window (each patrol keeps its last vertex: where it is). */
  prune(now: number): void {
    const oldest = now - this.limits.trailMs;
    for (const tr of this.tracks.values()) {
      let drop = 0;
      while (drop < tr.vertices.length - 1 && (tr.vertices[drop + 1] as Vertex).t < oldest) drop++;
      if (drop) this.drop(tr, drop);
    }
  }

  /** Whether any trail still has something to show at `now` (it fades until then). */
  hasTrails(now: number): boolean {
    const oldest = now - this.limits.trailMs;
    for (const tr of this.tracks.values()) if (tr.vertices.length > 1 && (tr.vertices.at(-1) as Vertex).t >= oldest) return true;
    return false;
  }

  /** The trails as paths with times, split where they break. */
  trails(): Trail[] {
    const out: Trail[] = [];
    for (const [unitId, tr] of this.tracks) {
      let cur: Trail | undefined;
      for (const v of tr.vertices) {
        if (!cur || v.gap) {
          if (cur && cur.path.length > 1) out.push(cur);
          cur = { unitId, path: [], times: [] };
        }
        cur.path.push([v.lon, v.lat]);
        cur.times.push((v.t - this.base) / 1000);
      }
      if (cur && cur.path.length > 1) out.push(cur);
    }
    return out;
  }

  get points(): number {
    return this.total;
  }

  private cap(tr: Track): void {
    // Each patrol's fair share of the total (at least where it was and where it is going, for the glide):
    // O(1) per fix, however many patrols the wall has.
    const share = Math.max(2, Math.min(this.limits.maxPointsPerPatrol, Math.floor(this.limits.maxPointsTotal / this.tracks.size)));
    if (tr.vertices.length > share) this.drop(tr, tr.vertices.length - share);
    // Still over (patrols joined since the others were trimmed): bring them all to the share, rarely.
    if (this.total > this.limits.maxPointsTotal && share > 2) {
      for (const t of this.tracks.values()) if (t.vertices.length > share) this.drop(t, t.vertices.length - share);
    }
  }

  private drop(tr: Track, n: number): void {
    tr.vertices.splice(0, n);
    this.total -= n;
    this.version++;
  }
}
