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

/**
 * A whole batch as one JSON parameter, `[{id, case_no, …}, …]`, read by json_to_recordset: the server parses
 * it several times faster than one array parameter per column (and node-pg need not escape each element).
 */
const INSERT_CASES = `INSERT INTO gridwall_case (${CASE_COLUMNS.map(([n]) => n).join(', ')})
  SELECT * FROM json_to_recordset($1::json) AS x(${CASE_COLUMNS.map(([n, t]) => `${n} ${t}`).join(', ')})
  ON CONFLICT DO NOTHING RETURNING id`;
// One JSON document per batch, [[id, events], …]: a json[] parameter costs the server ~20× more to parse.
const INSERT_PAST = 'INSERT INTO gridwall_case_past (case_id, events) SELECT p->>0, p->1 FROM json_array_elements($1::json) AS p';

const CASE_NO = /^([0-9A-Za-z]{1,12})-(\d{8})-(\d{4,})$/;


/**
 * Writes cases with their histories in one transaction per call (each history as one document in
 * gridwall_case_past, see case-migrations.ts v3): a case whose number or client id the hall
 * already holds is skipped with its events (so an import can be run again, or resumed, and never doubles a
 * case). Each row gets the same derived columns (deadline, KPI facts) the live store keeps.
 */
export async function writeHistoricCases(db: Db, batch: readonly HistoricCase[], opts: BulkOptions): Promise<BulkResult> {
  if (batch.length === 0) return { written: 0, skipped: 0 };
  const rows: Array<Record<string, unknown>> = [];
  const ids: string[] = [];
  for (const h of batch) {
    const c = h.case;
    const last = h.events.at(-1);
    if (!last) throw new RangeError(`case ${c.caseNo} has no history: every case starts with its report.`);
    const cls = opts.data?.catalogue.byKey.get(c.category);
    const f = caseFacts(h.events, opts.data && cls ? { cls, calendar: opts.data.calendar, timeZone: opts.timeZone } : undefined);
    const id = c.id ?? randomUUID();
    ids.push(id);
    // One object literal per row (a stable shape): building rows key by key was the slowest part of a batch.
    rows.push({
      id: id,
      case_no: c.caseNo,
      client_id: c.clientId,
      source: c.source,
      category: c.category,
      lon: c.lon,
      lat: c.lat,
      grid: c.grid ?? null,
      community: c.community ?? null,
      street: c.street ?? null,
      description: c.description,
      address: c.address ?? null,
      reported_at: c.reportedAt,
      photos: c.photos,
      stage: last.stage,
      department: c.department ?? null,
      outside_district: c.outsideDistrict ?? false,
      urgent: c.urgent ?? cls?.urgent ?? false,
      last_seq: last.seq,
      deadline: f.deadline ?? null,
      created_at: h.createdAt ?? c.reportedAt,
      updated_at: last.at,
      reporter: f.reporter ?? null,
      filed_at: f.filedAt ?? null,
      dispatched_at: f.dispatchedAt ?? null,
      handled_at: f.handledAt ?? null,
      closed_at: f.closedAt ?? null,
      closed_on_time: f.closedOnTime ?? null,
      reworks: f.reworks,
      extended: f.extended,
    });
  }

  return db.tx(async (q) => {
    const inserted = new Set((await q.query<{ id: string }>(INSERT_CASES, [JSON.stringify(rows)])).map((r) => r.id));
    const past: Array<[string, readonly CaseEvent[]]> = [];
    batch.forEach((h, i) => {
      const id = ids[i] as string;
      if (inserted.has(id)) past.push([id, h.events]);
    });
    if (past.length > 0) await q.query(INSERT_PAST, [JSON.stringify(past)]);
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
