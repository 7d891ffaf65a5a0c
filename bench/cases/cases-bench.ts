import { kpiBench } from './kpi-bench';
import { transitionBench } from './transition-bench';

export interface CasesBenchOptions {
  /** Rows the import runs write (PGlite, and PostgreSQL with COPY as its baseline). */
  rows: number;
  /** Cases the KPI queries run over. */
  kpiCases: number;
  /** Cases taken through three transitions each for the time to the wall. */
  transitionCases: number;
  databaseUrl?: string;
}

/**
 * `npm run bench -- cases`: importing cases (against PostgreSQL's COPY of the same rows), a month of KPIs
 * by street, grid and department (against counting the month's rows), and a transition's time to reach a
 * wall (against the HTTP round trip of the action itself). Each part prints its JSON line as it ends.
 */
export async function casesBench(o: CasesBenchOptions): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  const importPart = await import('./import-bench').catch(() => undefined);
  if (importPart && o.rows > 0) {
    out.import = await importPart.importBench({ rows: o.rows, ...(o.databaseUrl ? { databaseUrl: o.databaseUrl } : {}) });
    console.log(JSON.stringify({ part: 'import', ...(out.import as object) }));
  }
  out.kpis = await kpiBench({ cases: o.kpiCases, ...(o.databaseUrl ? { databaseUrl: o.databaseUrl } : {}) });
  console.log(JSON.stringify({ part: 'kpis', runs: out.kpis }));
  out.transition = await transitionBench({ cases: o.transitionCases });
  console.log(JSON.stringify({ part: 'transition', ...(out.transition as object) }));
  return out;
}
