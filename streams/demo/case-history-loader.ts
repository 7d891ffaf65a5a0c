import type { Db } from '../db/db';
import type { Migration } from '../db/migrations';
import { writeHistoricCases, type BulkResult, type HistoricCase } from '../cases/case-bulk';
import type { CaseData } from '../cases/case-data';
import { HISTORY_CLIENT_PREFIX } from './case-history';

export interface HistoryLoad {
  db: Db;
  /** The history a day at a time, newest first; made only when it is going to be written, while it is. */
  history: () => Iterable<readonly HistoricCase[]>;
  centre: string;
  timeZone: string;
  data: CaseData;
  /** When this demo started: a case registered before it means the hall has a past of its own. */
  since: number;
  /** Cases per transaction. */
  batchSize?: number;
  /** Asked between batches: the hall is stopping. */
  stopping?: () => boolean;
}

export type HistoryOutcome =
  | { state: 'loaded'; written: number; skipped: number; ms: number }
  | { state: 'skipped'; reason: string }
  | { state: 'stopped'; written: number };

const CASE_NO = /^(.+)-(\d{8})-(\d+)$/;

/** The marker that the history was written whole (a stopped first start leaves none, and resumes). */
export const DEMO_HISTORY_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'marker of the demo history',
    sql: `CREATE TABLE IF NOT EXISTS gridwall_demo_history (id integer PRIMARY KEY, loaded_at bigint NOT NULL, cases integer NOT NULL)`,
  },
];

/**
 * Moves the history's numbers of a day past those the hall already handed out that day (a live report
 * that arrived while the history was being made), so no historic case collides with a live one. Pure.
 */
export function numberAfter(history: readonly HistoricCase[], taken: ReadonlyMap<string, number>): HistoricCase[] {
  if (taken.size === 0) return [...history];
  return history.map((h) => {
    const m = CASE_NO.exec(h.case.caseNo);
    const offset = m ? (taken.get(m[2] as string) ?? 0) : 0;
    if (!m || offset === 0) return h;
    const no = String(Number(m[3]) + offset).padStart(m[3]?.length ?? 4, '0');
    return { ...h, case: { ...h.case, caseNo: `${m[1]}-${m[2]}-${no}` } };
  });
}

/**
 * Writes the demo city's past on its first start: only when the hall has the case tables, has no marker
 * that the history was written, and holds no case of its own from before this start (a hall with a past
 * is never given a made-up one). Batches are idempotent on case number and client id, so a start stopped
 * half-way resumes on the next without doubling anything; the marker is written last.
 */
export async function loadCaseHistory(o: HistoryLoad): Promise<HistoryOutcome> {
  const [table] = await o.db.query<{ t: string | null }>(`SELECT to_regclass('gridwall_case')::text AS t`);
  if (!table?.t) return { state: 'skipped', reason: 'the hall has no case tables (the cases module is not running)' };
  const [marker] = await o.db.query('SELECT 1 FROM gridwall_demo_history WHERE id = 1');
  if (marker) return { state: 'skipped', reason: 'the history was written on an earlier start' };
  const [own] = await o.db.query('SELECT 1 FROM gridwall_case WHERE created_at < $1 AND client_id NOT LIKE $2 LIMIT 1', [o.since, `${HISTORY_CLIENT_PREFIX}%`]);
  if (own) return { state: 'skipped', reason: 'the hall already has cases of its own' };

  // Numbers a live report already took today (it arrived while the history was being written) stay its own.
  const counters = await o.db.query<{ day: string; last: number }>('SELECT day, last FROM gridwall_case_counter WHERE centre = $1', [o.centre]);
  const taken = new Map(counters.map((r) => [r.day, Number(r.last)]));
  const size = Math.max(1, o.batchSize ?? 1000);
  let written = 0;
  let skipped = 0;
  const t0 = performance.now();
  // Two batches in flight: the next day is made, and the writer works out its deadlines and KPI facts, here
  // while the database is still inserting the batch before (PGlite runs in its own thread).
  let inFlight: Promise<BulkResult> | undefined;
  const settle = async () => {
    const r = await inFlight;
    inFlight = undefined;
    if (r) {
      written += r.written;
      skipped += r.skipped;
    }
  };
  const write = async (batch: HistoricCase[]) => {
    const next = writeHistoricCases(o.db, batch, { timeZone: o.timeZone, data: o.data, centre: o.centre });
    next.catch(() => {}); // a failure surfaces where it is awaited, not as an unhandled rejection
    await settle();
    inFlight = next;
  };
  try {
    let pending: HistoricCase[] = [];
    for (const day of o.history()) {
      if (o.stopping?.()) {
        await settle();
        return { state: 'stopped', written };
      }
      pending.push(...numberAfter(day, taken));
      if (pending.length >= size) {
        await write(pending);
        pending = [];
      }
    }
    if (pending.length) await write(pending);
    await settle();
  } catch (err) {
    await inFlight?.catch(() => {});
    throw err;
  }
  await o.db.query('INSERT INTO gridwall_demo_history (id, loaded_at, cases) VALUES (1, $1, $2) ON CONFLICT (id) DO NOTHING', [Date.now(), written]);
  return { state: 'loaded', written, skipped, ms: Math.round(performance.now() - t0) };
}
