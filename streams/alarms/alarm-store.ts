import type { Alarm } from '../../app/alarm/alarm';
import type { LiveScope } from '../../app/live/scope';
import type { Queryable } from '../db/db';
import type { Migration } from '../db/migrations';

/**
 * Alarms as raised, one row each (the alarm as jsonb, with the columns lists filter and sort on). A repeat
 * updates its alarm's row; an acknowledgement sets `acked_at` once. Kept like the case history: it is
 * what the hall was told and when.
 */
export const ALARM_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'alarms',
    sql: `
      CREATE TABLE IF NOT EXISTS gridwall_alarm (
        id          text    PRIMARY KEY,
        doc         jsonb   NOT NULL,
        received_at bigint  NOT NULL,
        last_at     bigint  NOT NULL,
        acked_at    bigint,
        street      text,
        community   text,
        grid        text
      );
      CREATE INDEX IF NOT EXISTS gridwall_alarm_last ON gridwall_alarm (last_at DESC);
      CREATE INDEX IF NOT EXISTS gridwall_alarm_open ON gridwall_alarm (last_at DESC) WHERE acked_at IS NULL;
    `,
  },
];

interface Row {
  doc: unknown;
}

const docOf = (r: Row): unknown => (typeof r.doc === 'string' ? (JSON.parse(r.doc) as unknown) : r.doc);

/** Stores a new alarm or its repeat. An acknowledged alarm is never reopened by a late repeat's write. */
export async function saveAlarm(db: Queryable, a: Alarm): Promise<void> {
  await db.query(
    `INSERT INTO gridwall_alarm (id, doc, received_at, last_at, street, community, grid)
     VALUES ($1, $2::jsonb, $3, $4, $5, $6, $7)
     ON CONFLICT (id) DO UPDATE SET doc = EXCLUDED.doc, last_at = EXCLUDED.last_at WHERE gridwall_alarm.acked_at IS NULL`,
    [a.id, JSON.stringify(a), a.receivedAt, a.lastAt, a.street ?? null, a.community ?? null, a.grid ?? null],
  );
}

export type AckOutcome = { kind: 'acked'; doc: unknown } | { kind: 'already'; doc: unknown } | { kind: 'unknown' };

/** Acknowledges an alarm once; a second acknowledgement finds it acknowledged and changes nothing. */
export async function ackAlarm(db: Queryable, id: string, at: number, by: string): Promise<AckOutcome> {
  const rows = await db.query<Row>(
    `UPDATE gridwall_alarm SET acked_at = $2, doc = doc || jsonb_build_object('ackAt', $2::bigint, 'ackBy', $3::text)
     WHERE id = $1 AND acked_at IS NULL RETURNING doc`,
    [id, at, by],
  );
  if (rows[0]) return { kind: 'acked', doc: docOf(rows[0]) };
  const found = await db.query<Row>(`SELECT doc FROM gridwall_alarm WHERE id = $1`, [id]);
  return found[0] ? { kind: 'already', doc: docOf(found[0]) } : { kind: 'unknown' };
}

export interface AlarmQuery {
  open?: boolean;
  /** A sub-centre's streets, communities or grids: alarms located elsewhere are left out. */
  scope?: LiveScope | undefined;
  limit: number;
}

/** Alarms, the latest repeat first (raw documents: the caller checks them against the schema). */
export async function listAlarms(db: Queryable, q: AlarmQuery): Promise<unknown[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.open) where.push('acked_at IS NULL');
  const places: string[] = [];
  for (const [column, codes] of [
    ['street', q.scope?.streets],
    ['community', q.scope?.communities],
    ['grid', q.scope?.grids],
  ] as const) {
    if (!codes?.length) continue;
    params.push([...codes]);
    places.push(`${column} = ANY($${params.length}::text[])`);
  }
  if (places.length) where.push(`(${places.join(' OR ')})`);
  params.push(q.limit);
  const rows = await db.query<Row>(`SELECT doc FROM gridwall_alarm ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY last_at DESC, id LIMIT $${params.length}`, params);
  return rows.map(docOf);
}
