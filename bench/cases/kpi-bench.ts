import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_WEIGHTS } from '../../app/case/kpi-score';
import type { KpiGrouping } from '../../app/case/kpi';
import { CASE_MIGRATIONS, CASES_MODULE } from '../../streams/cases/case-migrations';
import { queryKpis, type KpiNaming } from '../../streams/cases/kpi-store';
import type { Db } from '../../streams/db/db';
import { migrate } from '../../streams/db/migrations';
import { openPglite } from '../../streams/db/pglite-db';
import { openPostgres } from '../../streams/db/postgres-db';
import { createTestSchema } from '../../streams/db/test-databases';

const DAY = 86_400_000;
/** A year of cases ending 2026-11-01 (Beijing): the month measured is October 2026. */
const END = Date.parse('2026-11-01T00:00:00+08:00');
const SPAN = 365 * DAY;
const MONTH: [number, number] = [Date.parse('2026-10-01T00:00:00+08:00'), END];

const naming: KpiNaming = { name: (_by, key) => key, grids: (by) => (by === 'grid' ? 1 : 1000) };

/**
 * `n` cases over a year, made by the database itself (generate_series), with the columns the KPIs read set
 * as the live store keeps them: nine streets, ~9,000 grids, 28 departments, 400 inspectors, ~97 % filed,
 * most closed, some late, some reworked, extended, parked, void or still open past their deadline.
 */
export async function fill(db: Db, n: number): Promise<void> {
  const batch = 100_000;
  for (let start = 0; start < n; start += batch) {
    const end = Math.min(n, start + batch);
    await db.query(
      `INSERT INTO gridwall_case (id, case_no, client_id, source, category, lon, lat, grid, community, street, description, reported_at, photos, stage,
         department, last_seq, deadline, created_at, updated_at, reporter, filed_at, dispatched_at, handled_at, closed_at, closed_on_time, reworks, extended)
       SELECT 'b' || i, 'B-' || i, 'b:' || i,
         CASE WHEN r1 < 0.95 THEN 'inspector' WHEN r1 < 0.98 THEN 'video' ELSE 'hotline-12345' END,
         'event.01' || lpad((i % 20 + 1)::text, 2, '0'),
         116.1 + r2 * 0.15, 39.88 + r3 * 0.1,
         '110107' || lpad((g % 9 + 1)::text, 3, '0') || lpad((g / 9 % 30 + 1)::text, 3, '0') || lpad((g / 270 + 1)::text, 3, '0'),
         '110107' || lpad((g % 9 + 1)::text, 3, '0') || lpad((g / 9 % 30 + 1)::text, 3, '0'),
         '110107' || lpad((g % 9 + 1)::text, 3, '0') || '000',
         '暴露垃圾', rep, '[]',
         CASE WHEN r4 < 0.02 THEN 'void' WHEN r4 < 0.03 THEN 'parked' WHEN rep > $3 - 2 * ${DAY} AND r4 < 0.5 THEN 'handling' ELSE 'closed' END,
         'dept-' || (i % 28), 8, rep + 8 * 3600000, rep, rep + 4 * 3600000,
         CASE WHEN r1 < 0.95 THEN 'insp-' || (i % 400) END,
         CASE WHEN r4 >= 0.02 THEN rep + 1800000 END,
         CASE WHEN r4 >= 0.03 THEN rep + 2100000 END,
         CASE WHEN r4 >= 0.03 THEN rep + 2100000 + (r5 * 30 * 3600000)::bigint END,
         CASE WHEN r4 >= 0.03 AND NOT (rep > $3 - 2 * ${DAY} AND r4 < 0.5) THEN rep + 2100000 + (r5 * 30 * 3600000)::bigint + 3600000 END,
         CASE WHEN r4 >= 0.03 AND NOT (rep > $3 - 2 * ${DAY} AND r4 < 0.5) THEN r5 < 0.9 END,
         CASE WHEN r2 < 0.04 THEN 1 ELSE 0 END, r3 < 0.015
       FROM (SELECT i, i % 9000 AS g, random() r1, random() r2, random() r3, random() r4, random() r5,
                    ($3::bigint - ${SPAN}::bigint + (i::bigint * ${SPAN}::bigint / $4::bigint)) AS rep
             FROM generate_series($1::int, $2::int) i) s`,
      [start, end - 1, END, n],
    );
  }
  await db.exec('ANALYZE gridwall_case');
}

async function median(runs: number, fn: () => Promise<unknown>): Promise<number> {
  await fn(); // warm the plan and the cache
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return Math.round((times[Math.floor(times.length / 2)] ?? 0) * 10) / 10;
}

export interface KpiFigures {
  engine: string;
  cases: number;
  fillS: number;
  /** Median ms of a month's KPIs by each grouping, and of the baseline: counting the month's rows. */
  ms: Record<KpiGrouping | 'countBaseline', number>;
  rows: Record<string, number>;
  /** KPI ms ÷ baseline ms. */
  ratio: Record<string, number>;
}

async function measure(db: Db, engine: string, n: number): Promise<KpiFigures> {
  await migrate(db, [{ module: CASES_MODULE, migrations: CASE_MIGRATIONS }]);
  const t0 = performance.now();
  await fill(db, n);
  const fillS = Math.round((performance.now() - t0) / 100) / 10;
  const ms: Partial<KpiFigures['ms']> = {};
  const rows: Record<string, number> = {};
  ms.countBaseline = await median(5, () => db.query('SELECT count(*) FROM gridwall_case WHERE reported_at >= $1 AND reported_at < $2', MONTH));
  for (const by of ['street', 'grid', 'department'] as const) {
    let got = 0;
    ms[by] = await median(5, async () => {
      got = (await queryKpis(db, { by, from: MONTH[0], to: MONTH[1], now: END }, DEFAULT_WEIGHTS, naming)).length;
    });
    rows[by] = got;
  }
  const base = Math.max(0.1, ms.countBaseline);
  const ratio = Object.fromEntries((['street', 'grid', 'department'] as const).map((k) => [k, Math.round(((ms[k] ?? 0) / base) * 10) / 10]));
  return { engine, cases: n, fillS, ms: ms as KpiFigures['ms'], rows, ratio };
}

/** KPIs for a month by street, grid and department over `n` cases, on PGlite and (with a URL) PostgreSQL. */
export async function kpiBench(opts: { cases: number; databaseUrl?: string }): Promise<KpiFigures[]> {
  const out: KpiFigures[] = [];
  const dir = await mkdtemp(path.join(os.tmpdir(), 'gridwall-kpi-bench-'));
  const lite = await openPglite(dir);
  try {
    out.push(await measure(lite, 'pglite', opts.cases));
  } finally {
    await lite.close();
    await rm(dir, { recursive: true, force: true });
  }
  if (opts.databaseUrl) {
    const schema = await createTestSchema(opts.databaseUrl);
    const pg = await openPostgres(schema.url);
    try {
      out.push(await measure(pg, 'postgres', opts.cases));
    } finally {
      await pg.close();
      await schema.drop();
    }
  }
  return out;
}
