import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { loadHallCity } from '../../streams/city/hall-city';
import { loadConfig } from '../../streams/config/config';
import { loadCaseData, type CaseData } from '../../streams/cases/case-data';
import { CASE_MIGRATIONS, CASES_MODULE } from '../../streams/cases/case-migrations';
import { importCases } from '../../streams/cases/import/import-cases';
import type { Db } from '../../streams/db/db';
import { migrate } from '../../streams/db/migrations';
import { openPglite } from '../../streams/db/pglite-db';
import { openPostgres } from '../../streams/db/postgres-db';
import { createTestSchema } from '../../streams/db/test-databases';
import { SZCG_HEADER, writeSzcgRows } from './szcg-synth';

export interface ImportBenchOptions {
  rows: number;
  /** PostgreSQL to measure against (a fresh schema, dropped afterwards); absent: PGlite only. */
  databaseUrl?: string;
  /** Rows per transaction (the import's default when absent). */
  batch?: number;
}

interface Run {
  rows: number;
  written: number;
  bad: number;
  seconds: number;
  rowsPerSecond: number;
}

type City = Awaited<ReturnType<typeof loadHallCity>>;

const round = (v: number) => Math.round(v);

/** The real import path (importCases, as `gridwall cases import` runs it) into one database. */
async function timeImport(file: string, db: Db, dataDir: string, city: City, data: CaseData, batch?: number): Promise<Run> {
  await migrate(db, [{ module: CASES_MODULE, migrations: CASE_MIGRATIONS }]);
  const t0 = performance.now();
  const s = await importCases(file, { preset: 'szcg', ...(batch ? { batch } : {}) }, { db, city: city.info, ...(city.grids ? { grids: city.grids } : {}), data, dataDir, say: () => {} });
  const seconds = (performance.now() - t0) / 1000;
  return { rows: s.rows, written: s.written, bad: s.bad, seconds: Number(seconds.toFixed(2)), rowsPerSecond: round(s.rows / seconds) };
}

/** PostgreSQL's own COPY of the same file into a staging table of its columns (text): the floor to compare with. */
async function timeCopy(url: string, file: string): Promise<Run> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE TABLE import_staging (${SZCG_HEADER.map((_, i) => `c${i} text`).join(', ')})`);
    const t0 = performance.now();
    const copy = client.query(copyFrom('COPY import_staging FROM STDIN WITH (FORMAT csv, HEADER true)'));
    await pipeline(createReadStream(file), copy);
    const seconds = (performance.now() - t0) / 1000;
    return { rows: copy.rowCount, written: copy.rowCount, bad: 0, seconds: Number(seconds.toFixed(2)), rowsPerSecond: round(copy.rowCount / seconds) };
  } finally {
    await client.end();
  }
}

/**
 * `npm run bench -- cases`: `rows` synthetic 数字城管 cases (seeded, szcg layout) imported through the real
 * import path into PGlite and, with a PostgreSQL URL, into a fresh schema there, against PostgreSQL's COPY of
 * the same file in the same run. The target: ≥ 20,000 rows/s into PostgreSQL.
 */
export async function importBench(opts: ImportBenchOptions): Promise<Record<string, unknown>> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'gridwall-cases-bench-'));
  try {
    const file = path.join(tmp, 'szcg.csv');
    const [city, data] = await Promise.all([loadHallCity(loadConfig({ GRIDWALL_DATA: tmp })), loadCaseData()]);
    const g0 = performance.now();
    await writeSzcgRows(file, opts.rows, data);
    const generateSeconds = Number(((performance.now() - g0) / 1000).toFixed(2));

    const lite = await openPglite(path.join(tmp, 'pglite'));
    let pglite: Run;
    try {
      pglite = await timeImport(file, lite, path.join(tmp, 'data-pglite'), city, data, opts.batch);
    } finally {
      await lite.close();
    }
    const out: Record<string, unknown> = { rows: opts.rows, generateSeconds, pglite };
    if (opts.databaseUrl) {
      const schema = await createTestSchema(opts.databaseUrl);
      try {
        const db = await openPostgres(schema.url, { max: 2 });
        let postgres: Run;
        try {
          postgres = await timeImport(file, db, path.join(tmp, 'data-postgres'), city, data, opts.batch);
        } finally {
          await db.close();
        }
        const copy = await timeCopy(schema.url, file);
        Object.assign(out, { postgres, copy, importVsCopy: Number((postgres.rowsPerSecond / copy.rowsPerSecond).toFixed(3)), target: 20_000, met: postgres.rowsPerSecond >= 20_000 });
      } finally {
        await schema.drop();
      }
    }
    return out;
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
