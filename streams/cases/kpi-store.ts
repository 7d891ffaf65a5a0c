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

// F: the case was filed in the period and is not void — the cohort every count but `reported` follows.
const F = `(filed_at >= $1 AND filed_at < $2 AND stage <> 'void')`;

/** One scan of the cases reported or filed in the period, grouped; kept columns only (kpi facts). */
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
  const sql = `
    SELECT ${col} AS key,
      count(*) FILTER (WHERE reported_at >= $1 AND reported_at < $2) AS reported,
      count(*) FILTER (WHERE ${F}) AS filed,
      count(*) FILTER (WHERE ${F} AND source = 'inspector') AS filed_by_inspectors,
      count(*) FILTER (WHERE ${F} AND dispatched_at IS NOT NULL) AS dispatched,
      count(*) FILTER (WHERE ${F} AND handled_at IS NOT NULL) AS handled,
      count(*) FILTER (WHERE ${F} AND closed_at IS NOT NULL) AS closed,
      count(*) FILTER (WHERE ${F} AND closed_on_time) AS closed_on_time,
      count(*) FILTER (WHERE ${F} AND deadline < $3 AND stage NOT IN ('closed', 'void', 'parked')) AS overdue,
      count(*) FILTER (WHERE ${F} AND reworks > 0) AS rework,
      count(*) FILTER (WHERE ${F} AND extended) AS extended,
      count(*) FILTER (WHERE ${F} AND stage = 'parked') AS parked,
      avg((handled_at - dispatched_at) / 3600000.0) FILTER (WHERE ${F} AND handled_at IS NOT NULL AND dispatched_at IS NOT NULL) AS handling_hours
    FROM gridwall_case
    WHERE ${where.join(' AND ')}
    GROUP BY ${col}`;
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
  return kpiRows(await db.query<Counted>(sql, params), q.by, weights, naming);
}
