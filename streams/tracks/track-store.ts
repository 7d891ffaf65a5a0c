import type { Migration } from '../db/migrations';
import type { TrackPoint } from '../../app/patrol/track';
import type { Queryable } from '../db/db';

export const TRACK_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'patrol tracks',
    sql: `
      CREATE TABLE IF NOT EXISTS patrol_fix (
        unit_id     text             NOT NULL,
        ts          bigint           NOT NULL,  -- epoch ms, terminal clock
        lon         double precision NOT NULL,  -- WGS84
        lat         double precision NOT NULL,
        speed       real,
        heading     real,
        accuracy    real,
        received_at bigint           NOT NULL,  -- epoch ms, server clock
        PRIMARY KEY (unit_id, ts)
      );
      -- Retention deletes by time; a BRIN index is tiny and suits append-mostly data.
      CREATE INDEX IF NOT EXISTS patrol_fix_ts_brin ON patrol_fix USING brin (ts);
    `,
  },
  {
    version: 2,
    name: 'the unit grid of each stored fix (coverage, patrol visits)',
    sql: `ALTER TABLE patrol_fix ADD COLUMN IF NOT EXISTS grid text;`,
  },
];

/** The grids each patrol passed through since `since` (for today's coverage after a restart). */
export async function visitedGrids(db: Queryable, since: number): Promise<Array<{ unitId: string; grid: string }>> {
  const rows = await db.query<{ unit_id: string; grid: string }>(
    `SELECT DISTINCT unit_id, grid FROM patrol_fix WHERE ts >= $1 AND grid IS NOT NULL`,
    [since],
  );
  return rows.map((r) => ({ unitId: r.unit_id, grid: r.grid }));
}


/** A patrol's track between two times (epoch ms, inclusive), oldest first, at most `limit` points. */
export async function readTrack(db: Queryable, unitId: string, from: number, to: number, limit: number): Promise<TrackPoint[]> {
  const rows = await db.query<{ ts: number; lon: number; lat: number; speed: number | null; heading: number | null }>(
    `SELECT ts, lon, lat, speed, heading FROM patrol_fix
      WHERE unit_id = $1 AND ts >= $2 AND ts <= $3 ORDER BY ts LIMIT $4`,
    [unitId, from, to, limit],
  );
  return rows.map((r) => {
    const p: TrackPoint = { ts: Number(r.ts), lon: r.lon, lat: r.lat };
    if (r.speed !== null) p.speed = r.speed;
    if (r.heading !== null) p.heading = r.heading;
    return p;
  });
}

/** A patrol's latest stored fix and when it reached the hall. */
export interface LatestFix extends TrackPoint {
  unitId: string;
  receivedAt: number;
}

/** Each patrol's latest stored fix received since `since`: a restarted hall shows its patrols at once. */
export async function latestFixes(db: Queryable, since: number): Promise<LatestFix[]> {
  const rows = await db.query<{ unit_id: string; ts: number; lon: number; lat: number; speed: number | null; heading: number | null; received_at: number }>(
    `SELECT DISTINCT ON (unit_id) unit_id, ts, lon, lat, speed, heading, received_at
       FROM patrol_fix WHERE ts >= $1 ORDER BY unit_id, ts DESC`,
    [since],
  );
  return rows.map((r) => {
    const f: LatestFix = { unitId: r.unit_id, ts: Number(r.ts), lon: r.lon, lat: r.lat, receivedAt: Number(r.received_at) };
    if (r.speed !== null) f.speed = r.speed;
    if (r.heading !== null) f.heading = r.heading;
    return f;
  });
}

/** Deletes fixes older than `cutoff`, a slice at a time so other queries get their turn. Returns rows deleted. */
export async function deleteFixesBefore(db: Queryable, cutoff: number, slice = 20_000): Promise<number> {
  let total = 0;
  for (;;) {
    const rows = await db.query<{ n: number }>(
      `WITH gone AS (
         DELETE FROM patrol_fix WHERE ctid IN (SELECT ctid FROM patrol_fix WHERE ts < $1 LIMIT $2) RETURNING 1)
       SELECT count(*)::int AS n FROM gone`,
      [cutoff, slice],
    );
    const n = Number(rows[0]?.n ?? 0);
    total += n;
    if (n < slice) return total;
  }
}
