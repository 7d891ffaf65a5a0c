import type { ReportState } from '../../app/report/inspector-report';
import type { Db } from '../db/db';

interface ReportRow {
  id: string;
  unit_id: string | null;
  ts: number;
  received_at: number;
  lon: number;
  lat: number;
  street: string | null;
  category: string;
  description: string;
  photos: string[] | string;
}

function fromRow(r: ReportRow): ReportState {
  const report: ReportState = {
    id: r.id,
    ts: Number(r.ts),
    receivedAt: Number(r.received_at),
    lon: r.lon,
    lat: r.lat,
    category: r.category,
    description: r.description,
    photos: typeof r.photos === 'string' ? (JSON.parse(r.photos) as string[]) : r.photos,
  };
  if (r.unit_id) report.unitId = r.unit_id;
  if (r.street) report.street = r.street;
  return report;
}

/** Stores a report once: returns false when a report with this id is already stored (a terminal's retry). */
export async function insertReport(db: Db, r: ReportState): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO inspector_report (id, unit_id, ts, received_at, lon, lat, street, category, description, photos)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb) ON CONFLICT (id) DO NOTHING RETURNING id`,
    [r.id, r.unitId ?? null, r.ts, r.receivedAt, r.lon, r.lat, r.street ?? null, r.category, r.description, JSON.stringify(r.photos)],
  );
  return rows.length === 1;
}

/** The latest reports, newest first. */
export async function recentReports(db: Db, limit: number, since?: number): Promise<ReportState[]> {
  const rows = await db.query<ReportRow>(
    `SELECT * FROM inspector_report WHERE received_at >= $1 ORDER BY received_at DESC, id LIMIT $2`,
    [since ?? 0, limit],
  );
  return rows.map(fromRow);
}
