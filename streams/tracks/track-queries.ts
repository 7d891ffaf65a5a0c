import type { Db } from '../db/db';

export interface TrackPoint {
  ts: number;
  lon: number;
  lat: number;
  speed?: number;
  heading?: number;
}

/** A patrol's track between two times (epoch ms), oldest first, for replay. */
export async function readTrack(db: Db, unitId: string, from: number, to: number, limit: number): Promise<TrackPoint[]> {
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

/** Each patrol's latest stored fix since `since`: a restarted hall shows its patrols at once. */
/** A patrol's latest stored fix and when it reached the hall. */
export interface LatestFix extends TrackPoint {
  unitId: string;
  receivedAt: number;
}

export async function latestFixes(db: Db, since: number): Promise<LatestFix[]> {
  const rows = await db.query<{ unit_id: string; ts: number; lon: number; lat: number; speed: number | null; heading: number | null; received_at: number }>(
    `SELECT DISTINCT ON (unit_id) unit_id, ts, lon, lat, speed, heading, received_at
       FROM patrol_fix WHERE ts >= $1 ORDER BY unit_id, ts DESC`,
    [since],
  );
  return rows.map((r) => {
    const f: LatestFix = {
      unitId: r.unit_id,
      ts: Number(r.ts),
      lon: r.lon,
      lat: r.lat,
      receivedAt: Number(r.received_at),
    };
    if (r.speed !== null) f.speed = r.speed;
    if (r.heading !== null) f.heading = r.heading;
    return f;
  });
}

/** Deletes fixes older than `cutoff`, a slice at a time so other queries get their turn. Returns rows deleted. */
export async function deleteFixesBefore(db: Db, cutoff: number, slice = 20_000): Promise<number> {
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
