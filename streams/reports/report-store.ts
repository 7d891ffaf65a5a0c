import type { ReportState } from '../../app/report/inspector-report';
import type { Queryable } from '../db/db';
import type { Migration } from '../db/migrations';

export const REPORT_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'inspector reports',
    sql: `
      CREATE TABLE IF NOT EXISTS inspector_report (
        id          text             PRIMARY KEY,
        unit_id     text,
        ts          bigint           NOT NULL,
        received_at bigint           NOT NULL,
        lon         double precision NOT NULL,
        lat         double precision NOT NULL,
        street      text,
        category    text             NOT NULL,
        description text             NOT NULL,
        photos      jsonb            NOT NULL DEFAULT '[]'
      );
      CREATE INDEX IF NOT EXISTS inspector_report_received ON inspector_report (received_at DESC);
    `,
  },
  {
    version: 2,
    name: 'reports located in community and grid',
    sql: `
      ALTER TABLE inspector_report ADD COLUMN IF NOT EXISTS community text;
      ALTER TABLE inspector_report ADD COLUMN IF NOT EXISTS grid text;
    `,
  },
];

interface ReportRow {
  id: string;
  unit_id: string | null;
  ts: number;
  received_at: number;
  lon: number;
  lat: number;
  street: string | null;
  community: string | null;
  grid: string | null;
  category: string;
  description: string;
  photos: unknown;
}

function fromRow(r: ReportRow): ReportState {
  const photos = typeof r.photos === 'string' ? (JSON.parse(r.photos) as unknown) : r.photos;
  const report: ReportState = {
    id: r.id,
    ts: Number(r.ts),
    receivedAt: Number(r.received_at),
    lon: r.lon,
    lat: r.lat,
    category: r.category,
    description: r.description,
    photos: Array.isArray(photos) ? (photos as string[]) : [],
  };
  if (r.unit_id) report.unitId = r.unit_id;
  if (r.street) report.street = r.street;
  if (r.community) report.community = r.community;
  if (r.grid) report.grid = r.grid;
  return report;
}

/** Stores a report once: returns false when a report with this id is already stored (a terminal's retry). */
export async function insertReport(db: Queryable, r: ReportState): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO inspector_report (id, unit_id, ts, received_at, lon, lat, street, community, grid, category, description, photos)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb) ON CONFLICT (id) DO NOTHING RETURNING id`,
    [r.id, r.unitId ?? null, r.ts, r.receivedAt, r.lon, r.lat, r.street ?? null, r.community ?? null, r.grid ?? null, r.category, r.description, JSON.stringify(r.photos)],
  );
  return rows.length === 1;
}

/** The latest reports, newest first. */
export async function recentReports(db: Queryable, limit: number, since?: number): Promise<ReportState[]> {
  const rows = await db.query<ReportRow>(`SELECT * FROM inspector_report WHERE received_at >= $1 ORDER BY received_at DESC, id LIMIT $2`, [since ?? 0, limit]);
  return rows.map(fromRow);
}
