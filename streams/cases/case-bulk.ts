import { randomUUID } from 'node:crypto';
import type { Case, CaseEvent } from '../../app/case/case';
import { caseFacts } from '../../app/case/case-facts';
import type { Db, Queryable } from '../db/db';
import type { CaseData } from './case-data';

/**
 * A case that already has its history: one imported from another system (its stage times turned into
 * events) or made up for the demo city's past. The id is made here when absent.
 */
export interface HistoricCase {
  case: Omit<Case, 'id'> & { id?: string };
  /** Oldest first; the last event's stage is the case's stage. */
  events: readonly CaseEvent[];
  createdAt?: number;
}

export interface BulkOptions {
  /** The hall's time zone: deadlines in working time need it. */
  timeZone: string;
  /** Catalogue and calendar: with them deadlines, red lights and on-time closure are kept as live cases have them. */
  data?: CaseData;
  /** The centre code, so live numbering never hands out a number an imported case already has. */
  centre?: string;
}

export interface BulkResult {
  /** New cases written. */
  written: number;
  /** Case numbers (or client ids) the hall already had: left as they are. */
  skipped: number;
}

const CASE_COLUMNS = [
  ['id', 'text'],
  ['case_no', 'text'],
  ['client_id', 'text'],
  ['source', 'text'],
  ['category', 'text'],
  ['lon', 'float8'],
  ['lat', 'float8'],
  ['grid', 'text'],
  ['community', 'text'],
  ['street', 'text'],
  ['description', 'text'],
  ['address', 'text'],
  ['reported_at', 'int8'],
  ['photos', 'jsonb'],
  ['stage', 'text'],
  ['department', 'text'],
  ['outside_district', 'bool'],
  ['urgent', 'bool'],
  ['last_seq', 'int4'],
  ['deadline', 'int8'],
  ['created_at', 'int8'],
  ['updated_at', 'int8'],
  ['reporter', 'text'],
  ['filed_at', 'int8'],
  ['dispatched_at', 'int8'],
  ['handled_at', 'int8'],
  ['closed_at', 'int8'],
  ['closed_on_time', 'bool'],
  ['reworks', 'int4'],
  ['extended', 'bool'],
] as const;

const EVENT_COLUMNS = [
  ['case_id', 'text'],
  ['seq', 'int4'],
  ['at', 'int8'],
  ['action', 'text'],
  ['stage', 'text'],
  ['role', 'text'],
  ['actor_id', 'text'],
  ['surface', 'text'],
  ['note', 'text'],
  ['department', 'text'],
  ['until', 'int8'],
  ['photos', 'jsonb'],
] as const;

/** `INSERT … SELECT FROM unnest(arrays)`: one statement and one parameter per column for a whole batch. */
function unnestInsert(table: string, columns: ReadonlyArray<readonly [string, string]>, tail: string): string {
  const names = columns.map(([n]) => n).join(', ');
  const arrays = columns.map(([, t], i) => `$${i + 1}::${t}[]`).join(', ');
  return `INSERT INTO ${table} (${names}) SELECT * FROM unnest(${arrays}) ${tail}`;
}

const INSERT_CASES = unnestInsert('gridwall_case', CASE_COLUMNS, 'ON CONFLICT DO NOTHING RETURNING id');
const INSERT_EVENTS = unnestInsert('gridwall_case_event', EVENT_COLUMNS, '');

const CASE_NO = /^([0-9A-Za-z]{1,12})-(\d{8})-(\d{4,})$/;

function columnsOf(width: number): unknown[][] {
  return Array.from({ length: width }, () => []);
}

/**
 * Writes cases with their histories in one transaction per call: a case whose number or client id the hall
 * already holds is skipped with its events (so an import can be run again, or resumed, and never doubles a
 * case). Each row gets the same derived columns (deadline, KPI facts) the live store keeps.
 */
export async function writeHistoricCases(db: Db, batch: readonly HistoricCase[], opts: BulkOptions): Promise<BulkResult> {
  if (batch.length === 0) return { written: 0, skipped: 0 };
  const cols = columnsOf(CASE_COLUMNS.length);
  const ids: string[] = [];
  for (const h of batch) {
    const c = h.case;
    const last = h.events.at(-1);
    if (!last) throw new RangeError(`case ${c.caseNo} has no history: every case starts with its report.`);
    const cls = opts.data?.catalogue.byKey.get(c.category);
    const f = caseFacts(h.events, opts.data && cls ? { cls, calendar: opts.data.calendar, timeZone: opts.timeZone } : undefined);
    const id = c.id ?? randomUUID();
    ids.push(id);
    const row: unknown[] = [
      id,
      c.caseNo,
      c.clientId,
      c.source,
      c.category,
      c.lon,
      c.lat,
      c.grid ?? null,
      c.community ?? null,
      c.street ?? null,
      c.description,
      c.address ?? null,
      c.reportedAt,
      JSON.stringify(c.photos),
      last.stage,
      c.department ?? null,
      c.outsideDistrict ?? false,
      c.urgent ?? cls?.urgent ?? false,
      last.seq,
      f.deadline ?? null,
      h.createdAt ?? c.reportedAt,
      last.at,
      f.reporter ?? null,
      f.filedAt ?? null,
      f.dispatchedAt ?? null,
      f.handledAt ?? null,
      f.closedAt ?? null,
      f.closedOnTime ?? null,
      f.reworks,
      f.extended,
    ];
    row.forEach((v, i) => cols[i]?.push(v));
  }

  return db.tx(async (q) => {
    const inserted = new Set((await q.query<{ id: string }>(INSERT_CASES, cols)).map((r) => r.id));
    const ev = columnsOf(EVENT_COLUMNS.length);
    batch.forEach((h, i) => {
      const id = ids[i] as string;
      if (!inserted.has(id)) return;
      for (const e of h.events) {
        const row = [id, e.seq, e.at, e.action, e.stage, e.by.role, e.by.id, e.surface ?? null, e.note ?? null, e.department ?? null, e.until ?? null, e.photos ? JSON.stringify(e.photos) : null];
        row.forEach((v, j) => ev[j]?.push(v));
      }
    });
    if (inserted.size > 0) await q.query(INSERT_EVENTS, ev);
    if (opts.centre) await raiseCounters(q, opts.centre, batch.filter((_, i) => inserted.has(ids[i] as string)));
    return { written: inserted.size, skipped: batch.length - inserted.size };
  });
}

/** Imported numbers in the centre's own format move its day counters past them. */
async function raiseCounters(q: Queryable, centre: string, written: readonly HistoricCase[]): Promise<void> {
  const top = new Map<string, number>();
  for (const h of written) {
    const m = CASE_NO.exec(h.case.caseNo);
    if (!m || m[1] !== centre) continue;
    const day = m[2] as string;
    top.set(day, Math.max(top.get(day) ?? 0, Number(m[3])));
  }
  if (top.size === 0) return;
  await q.query(
    `INSERT INTO gridwall_case_counter (centre, day, last) SELECT $1, d, n FROM unnest($2::text[], $3::int4[]) AS t(d, n)
     ON CONFLICT (centre, day) DO UPDATE SET last = GREATEST(gridwall_case_counter.last, excluded.last)`,
    [centre, [...top.keys()], [...top.values()]],
  );
}
