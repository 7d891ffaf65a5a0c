import path from 'node:path';
import { loadHallCity } from '../../city/hall-city';
import { ConfigError, loadConfig, type Env } from '../../config/config';
import type { Db } from '../../db/db';
import { migrate } from '../../db/migrations';
import { openPglite } from '../../db/pglite-db';
import { openPostgres } from '../../db/postgres-db';
import { loadCaseData } from '../case-data';
import { CASE_MIGRATIONS, CASES_MODULE } from '../case-migrations';
import { importCases, type ImportOptions, type ImportSummary } from './import-cases';
import type { ImportProgress } from './import-progress';
import { MappingError } from './mapping';
import { loadPreset, readMappingFile } from './presets';
import { TableError } from './table-source';

export interface CaseImportCommandOptions extends ImportOptions {
  /** hall.json: the district cases are located in (also GRIDWALL_CONFIG); default the demo city. */
  config?: string;
}

export interface CommandIo {
  /** The summary (stdout). */
  say(line: string): void;
  /** Problems and the progress line (stderr). */
  warn(line: string): void;
  /** Rewrite the progress line in place (a terminal) rather than print a line now and then. */
  tty: boolean;
  env: Env;
}

const n = (v: number) => v.toLocaleString('en');

async function openDatabase(databaseUrl: string | undefined, dataDir: string): Promise<Db> {
  if (!databaseUrl) return openPglite(path.join(dataDir, 'db'));
  try {
    return await openPostgres(databaseUrl, { max: 2 });
  } catch (err) {
    throw new ConfigError('DATABASE_URL', `DATABASE_URL: ${(err as Error).message}`);
  }
}

function progressLine(io: CommandIo): (p: ImportProgress, rate: number) => void {
  let last = Date.now();
  return (p, rate) => {
    const now = Date.now();
    if (now - last < (io.tty ? 250 : 10_000)) return;
    last = now;
    const line = `  ${n(p.rows)} rows (line ${n(p.line)}): ${n(p.written)} new, ${n(p.skipped)} already held, ${n(p.bad)} bad — ${n(Math.round(rate))} rows/s`;
    if (io.tty) process.stderr.write(`\r${line}\x1b[K`);
    else io.warn(line);
  };
}

function printSummary(s: ImportSummary, file: string, engine: string, io: CommandIo, dryRun: boolean): void {
  const name = path.basename(file);
  if (s.alreadyDone) {
    io.say(`${name} was imported already (preset/mapping ${s.mappingName}: ${n(s.written)} new, ${n(s.skipped)} already held, ${n(s.bad)} bad rows); nothing to do. Use --restart to read it again.`);
    return;
  }
  const rate = s.seconds > 0 ? Math.round(s.rowsThisRun / s.seconds) : 0;
  const verb = dryRun ? 'Checked' : `Imported into ${engine}`;
  io.say(`${verb}: ${name} with ${s.mappingName}${s.resumedAfter ? `, resumed after line ${n(s.resumedAfter)}` : ''}.`);
  io.say(`  ${n(s.rows)} rows: ${n(s.written)} ${dryRun ? 'good' : 'new cases'}, ${n(s.skipped)} already held, ${n(s.bad)} bad rows, ${n(s.outside)} outside the district (kept, flagged) — ${s.seconds.toFixed(1)} s (${n(rate)} rows/s).`);
  if (s.bad === 0) return;
  io.say(`  bad rows (all in ${s.errorsFile}):`);
  for (const b of s.firstBad) io.say(`    line ${b.line}${b.caseNo ? ` (${b.caseNo})` : ''}: ${b.reason.length > 300 ? `${b.reason.slice(0, 300)}…` : b.reason}`);
  if (s.bad > s.firstBad.length) io.say(`    … and ${n(s.bad - s.firstBad.length)} more.`);
  if (s.bad > s.firstBad.length) {
    io.say('  by reason:');
    for (const r of s.reasons.slice(0, 10)) io.say(`    ${n(r.count)} × ${r.reason}`);
  }
}

/**
 * `gridwall cases import`: the hall's config, city and database (PostgreSQL at DATABASE_URL, else the data
 * dir's embedded one, which the hall must not have open), then the import. Returns the exit code: 0 when
 * something was imported (or was already), 1 when nothing could be, 2 when the input or mapping is unusable.
 */
export async function runCaseImportCommand(file: string, opts: CaseImportCommandOptions, io: CommandIo): Promise<number> {
  const config = loadConfig(opts.config ? { ...io.env, GRIDWALL_CONFIG: opts.config } : io.env);
  try {
    // A mapping mistake is said at once, before the city and the database are loaded.
    if (opts.mapping) await readMappingFile(opts.mapping);
    else if (opts.preset) await loadPreset(opts.preset);
  } catch (err) {
    if (!(err instanceof MappingError)) throw err;
    io.warn(`gridwall: ${err.message}`);
    return 2;
  }
  const [city, data] = await Promise.all([loadHallCity(config), loadCaseData()]);
  const db = opts.dryRun ? undefined : await openDatabase(config.databaseUrl, config.dataDir);
  const engine = config.databaseUrl ? 'PostgreSQL' : `the embedded database (${path.join(config.dataDir, 'db')})`;
  let summary: ImportSummary;
  try {
    if (db) await migrate(db, [{ module: CASES_MODULE, migrations: CASE_MIGRATIONS }]);
    summary = await importCases(file, opts, {
      ...(db ? { db } : {}),
      city: city.info,
      ...(city.grids ? { grids: city.grids } : {}),
      data,
      dataDir: config.dataDir,
      say: (line) => io.say(`  note: ${line}`),
      progress: progressLine(io),
    });
  } catch (err) {
    if (io.tty) process.stderr.write('\n');
    if (err instanceof TableError || err instanceof MappingError) {
      io.warn(`gridwall: ${err.message}`);
      return 2;
    }
    io.warn(`gridwall: the import of ${path.basename(file)} stopped: ${(err as Error).message}`);
    io.warn('gridwall: what was committed stays; run the same command again to resume after it.');
    return 1;
  } finally {
    await db?.close();
  }
  if (io.tty) process.stderr.write('\r\x1b[K');
  printSummary(summary, file, engine, io, Boolean(opts.dryRun));
  if (summary.alreadyDone || summary.written + summary.skipped > 0) return 0;
  io.warn(`gridwall: nothing could be imported from ${path.basename(file)}${summary.rows === 0 ? ': it has no rows under its header' : ': every row is bad (see above)'}.`);
  return 1;
}
