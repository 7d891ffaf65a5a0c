import type { KpiGrouping, KpiRow } from '../../app/case/kpi';
import { compositeScore, gradeOf, weightsFor, type KpiWeights } from '../../app/case/kpi-score';
import type { Queryable } from '../db/db';

/** The period and, optionally, the part of the city the KPIs cover. */
export interface KpiQuery {
  by: KpiGrouping;
  /** [from, to) in ms. */
  from: number;
  to: number;
  /** "Now" for red lights. */
  now: number;
  /** Only these streets (a sub-centre's scope). */
  streets?: readonly string[];
  /** Only these departments (a department's own figures). */
  departments?: readonly string[];
}

export interface KpiNaming {
  /** A place's, department's or inspector's name for people; the key when it has none. */
  name(by: KpiGrouping, key: string): string;
  /** Unit grids in a street or community (per-grid banding of the region score). */
  grids(by: KpiGrouping, key: string): number;
}

const KEY_COLUMN: Readonly<Record<KpiGrouping, string>> = {
  street: 'street',
  community: 'community',
  grid: 'grid',
  department: 'department',
  inspector: 'reporter',
};

interface Counted {
  key: string;
  reported: string | number;
  filed: string | number;
  filed_by_inspectors: string | number;
  dispatched: string | number;
  handled: string | number;
  closed: string | number;
  closed_on_time: string | number;
  overdue: string | number;
  rework: string | number;
  extended: string | number;
  parked: string | number;
  handling_hours: string | number | null;
}

/**
 * One scan of the cases reported or filed in the period (two index ranges), grouped. Each row's cohort flag
 * is worked out once; the rows come back as one JSON text, which PGlite hands over several times faster
 * than thousands of rows of columns.
 */
function kpiSql(by: KpiGrouping, q: KpiQuery): { sql: string; params: unknown[] } {
  const col = KEY_COLUMN[by];
  const params: unknown[] = [q.from, q.to, q.now];
  const where = [`((reported_at >= $1 AND reported_at < $2) OR (filed_at >= $1 AND filed_at < $2))`, `${col} IS NOT NULL`];
  if (q.streets) {
    params.push([...q.streets]);
    where.push(`street = ANY($${params.length}::text[])`);
  }
  if (q.departments) {
    params.push([...q.departments]);
    where.push(`department = ANY($${params.length}::text[])`);
  }
  // f: filed in the period and not void — the cohort every count but `reported` follows.
  const sql = `
    SELECT coalesce(json_agg(t), '[]')::text AS rows FROM (
      SELECT key,
        count(*) FILTER (WHERE rep) AS reported,
        count(*) FILTER (WHERE f) AS filed,
        count(*) FILTER (WHERE f AND source = 'inspector') AS filed_by_inspectors,
        count(*) FILTER (WHERE f AND dispatched_at IS NOT NULL) AS dispatched,
        count(*) FILTER (WHERE f AND handled_at IS NOT NULL) AS handled,
        count(*) FILTER (WHERE f AND closed_at IS NOT NULL) AS closed,
        count(*) FILTER (WHERE f AND closed_on_time) AS closed_on_time,
        count(*) FILTER (WHERE f AND deadline < $3 AND stage NOT IN ('closed', 'void', 'parked')) AS overdue,
        count(*) FILTER (WHERE f AND reworks > 0) AS rework,
        count(*) FILTER (WHERE f AND extended) AS extended,
        count(*) FILTER (WHERE f AND stage = 'parked') AS parked,
        avg((handled_at - dispatched_at)::float8 / 3600000) FILTER (WHERE f AND handled_at IS NOT NULL AND dispatched_at IS NOT NULL) AS handling_hours
      FROM (
        SELECT ${col} AS key, (reported_at >= $1 AND reported_at < $2) AS rep, (filed_at >= $1 AND filed_at < $2 AND stage <> 'void') AS f,
               source, dispatched_at, handled_at, closed_at, closed_on_time, deadline, stage, reworks, extended
        FROM gridwall_case WHERE ${where.join(' AND ')}
      ) c
      GROUP BY key
    ) t`;
  return { sql, params };
}

const ratio = (a: number, b: number) => (b > 0 ? Math.min(1, a / b) : 0);
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** Rows with their rates and composite score, best score first (ties: more filed, then key). */
export function kpiRows(counted: readonly Counted[], by: KpiGrouping, weights: KpiWeights, naming: KpiNaming): KpiRow[] {
  const w = weightsFor(weights, by);
  const rows = counted.map((c): KpiRow => {
    const n = (v: string | number) => Number(v);
    const filed = n(c.filed);
    const handled = n(c.handled);
    const base = filed - n(c.parked);
    const closeRate = round4(ratio(n(c.closed), base));
    const onTimeCloseRate = round4(ratio(n(c.closed_on_time), base));
    const reworkRate = round4(ratio(n(c.rework), handled));
    const score = compositeScore(
      { reported: n(c.reported), filed, closeRate, onTimeCloseRate, reworkRate, filedByInspectors: n(c.filed_by_inspectors), grids: naming.grids(by, c.key) },
      w,
    );
    return {
      key: c.key,
      name: naming.name(by, c.key),
      reported: n(c.reported),
      filed,
      dispatched: n(c.dispatched),
      handled,
      closed: n(c.closed),
      closedOnTime: n(c.closed_on_time),
      overdue: n(c.overdue),
      rework: n(c.rework),
      extended: n(c.extended),
      parked: n(c.parked),
      closeRate,
      onTimeCloseRate,
      reworkRate,
      meanHandlingHours: c.handling_hours === null ? null : Math.round(Number(c.handling_hours) * 100) / 100,
      score,
      grade: gradeOf(score, weights.grades),
    };
  });
  return rows.sort((a, b) => b.score - a.score || b.filed - a.filed || a.key.localeCompare(b.key));
}

/** KPIs of a period by place, department or inspector (GET /api/kpis, the rankings on the wall). */
export async function queryKpis(db: Queryable, q: KpiQuery, weights: KpiWeights, naming: KpiNaming): Promise<KpiRow[]> {
  const { sql, params } = kpiSql(q.by, q);
  const [r] = await db.query<{ rows: string }>(sql, params);
  return kpiRows(JSON.parse(r?.rows ?? '[]') as Counted[], q.by, weights, naming);
}
