import type { CaseSource } from '../../app/case/case';
import type { CaseStats } from '../../app/case/case-channels';
import { CASE_STAGES, STAGES, type CaseStage } from '../../app/case/case-stage';
import type { KpiTiles } from '../../app/case/kpi';
import type { KpiWeights } from '../../app/case/kpi-score';
import { civilTime, nextDate, zonedInstant } from '../../app/case/zoned-time';
import type { Queryable } from '../db/db';
import { queryKpis, type KpiNaming } from './kpi-store';

const OPEN_STAGES = CASE_STAGES.filter((s) => !STAGES[s].terminal);
const TREND_DAYS = 30;

/** The hall days [start, end) around an instant: today, this month, and the last 30 days. */
export function statsPeriods(now: number, timeZone: string): { day: string; month: string; today: [number, number]; thisMonth: [number, number]; days: string[]; bounds: number[] } {
  const day = civilTime(now, timeZone).date;
  const month = day.slice(0, 7);
  const midnight = (d: string) => zonedInstant(d, 0, timeZone);
  const [y, m] = month.split('-').map(Number) as [number, number];
  const nextMonth = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  const days: string[] = [day];
  let d = day;
  for (let i = 1; i < TREND_DAYS; i++) {
    d = new Date(Date.parse(`${d}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    days.unshift(d);
  }
  const bounds = [...days.map(midnight), midnight(nextDate(day))];
  return { day, month, today: [midnight(day), midnight(nextDate(day))], thisMonth: [midnight(`${month}-01`), midnight(nextMonth)], days, bounds };
}

type N = string | number;

async function tiles(q: Queryable, [from, to]: [number, number], now: number): Promise<KpiTiles> {
  const F = `(filed_at >= $1 AND filed_at < $2 AND stage <> 'void')`;
  const [r] = await q.query<Record<string, N>>(
    `SELECT
       count(*) FILTER (WHERE reported_at >= $1 AND reported_at < $2) AS reported,
       count(*) FILTER (WHERE ${F}) AS filed,
       count(*) FILTER (WHERE dispatched_at >= $1 AND dispatched_at < $2) AS dispatched,
       count(*) FILTER (WHERE handled_at >= $1 AND handled_at < $2) AS handled,
       count(*) FILTER (WHERE closed_at >= $1 AND closed_at < $2) AS closed,
       count(*) FILTER (WHERE ${F} AND stage = 'parked') AS parked,
       count(*) FILTER (WHERE ${F} AND closed_at IS NOT NULL) AS cohort_closed,
       count(*) FILTER (WHERE ${F} AND closed_on_time) AS cohort_on_time,
       count(*) FILTER (WHERE ${F} AND deadline < $3 AND stage NOT IN ('closed', 'void', 'parked')) AS overdue
     FROM gridwall_case
     WHERE (reported_at >= $1 AND reported_at < $2) OR (filed_at >= $1 AND filed_at < $2)
        OR (dispatched_at >= $1 AND dispatched_at < $2) OR (handled_at >= $1 AND handled_at < $2) OR (closed_at >= $1 AND closed_at < $2)`,
    [from, to, now],
  );
  const n = (k: string) => Number(r?.[k] ?? 0);
  const base = n('filed') - n('parked');
  const rate = (a: number) => (base > 0 ? Math.round(Math.min(1, a / base) * 10_000) / 10_000 : 0);
  return {
    reported: n('reported'),
    filed: n('filed'),
    dispatched: n('dispatched'),
    handled: n('handled'),
    closed: n('closed'),
    closeRate: rate(n('cohort_closed')),
    onTimeCloseRate: rate(n('cohort_on_time')),
    overdue: n('overdue'),
  };
}

async function trend(q: Queryable, days: readonly string[], bounds: readonly number[]): Promise<CaseStats['trend']> {
  // width_bucket over the zone's midnights: day boundaries are the hall's, whatever the database's zone.
  const rows = await q.query<{ kind: string; b: N; n: N }>(
    `SELECT 'reported' AS kind, width_bucket(reported_at, $1::bigint[]) AS b, count(*) AS n FROM gridwall_case WHERE reported_at >= $2 AND reported_at < $3 GROUP BY b
     UNION ALL SELECT 'filed', width_bucket(filed_at, $1::bigint[]), count(*) FROM gridwall_case WHERE filed_at >= $2 AND filed_at < $3 AND stage <> 'void' GROUP BY 2
     UNION ALL SELECT 'closed', width_bucket(closed_at, $1::bigint[]), count(*) FROM gridwall_case WHERE closed_at >= $2 AND closed_at < $3 GROUP BY 2`,
    [bounds, bounds[0], bounds.at(-1)],
  );
  const out = days.map((day) => ({ day, reported: 0, filed: 0, closed: 0 }));
  for (const r of rows) {
    const slot = out[Number(r.b) - 1];
    if (slot && (r.kind === 'reported' || r.kind === 'filed' || r.kind === 'closed')) slot[r.kind] = Number(r.n);
  }
  return out;
}

/** Everything the statistics wall shows, from the kept columns (a handful of indexed scans). */
export async function caseStats(q: Queryable, now: number, timeZone: string, weights: KpiWeights, naming: KpiNaming): Promise<CaseStats> {
  const p = statsPeriods(now, timeZone);
  const [from, to] = p.thisMonth;
  const stages = await q.query<{ stage: CaseStage; n: N }>(`SELECT stage, count(*) AS n FROM gridwall_case WHERE stage = ANY($1::text[]) GROUP BY stage`, [OPEN_STAGES]);
  const byStage = new Map(stages.map((s) => [s.stage, Number(s.n)]));
  const sources = await q.query<{ source: CaseSource; n: N }>(`SELECT source, count(*) AS n FROM gridwall_case WHERE reported_at >= $1 AND reported_at < $2 GROUP BY source ORDER BY n DESC, source`, [from, to]);
  const categories = await q.query<{ category: string; n: N }>(
    `SELECT category, count(*) AS n FROM gridwall_case WHERE reported_at >= $1 AND reported_at < $2 GROUP BY category ORDER BY n DESC, category LIMIT 10`,
    [from, to],
  );
  return {
    key: 'city',
    at: now,
    day: p.day,
    month: p.month,
    // 超期 as the KPI rows count it: cases filed in the period that are past their deadline now.
    today: await tiles(q, p.today, now),
    thisMonth: await tiles(q, p.thisMonth, now),
    stages: OPEN_STAGES.map((stage) => ({ stage, n: byStage.get(stage) ?? 0 })),
    trend: await trend(q, p.days, p.bounds),
    sources: sources.map((s) => ({ source: s.source, n: Number(s.n) })),
    categories: categories.map((c) => ({ category: c.category, n: Number(c.n) })),
    streets: await queryKpis(q, { by: 'street', from, to, now }, weights, naming),
    departments: await queryKpis(q, { by: 'department', from, to, now }, weights, naming),
  };
}
