import { createHash } from 'node:crypto';
import path from 'node:path';
import type { CityInfo } from '../../../app/city/city';
import type { Db } from '../../db/db';
import type { GridSet } from '../../grids/grid-set';
import { writeHistoricCases, type HistoricCase } from '../case-bulk';
import type { CaseData } from '../case-data';
import { BadRowFile, type BadRow } from './bad-rows';
import { OrderedBatches } from './ordered-batches';
import { fileSha256, importsDir, readProgress, writeProgress, type ImportProgress } from './import-progress';
import type { LoadedMapping } from './presets';
import { chooseMapping, loadPreset, readMappingFile } from './presets';
import { PlaceResolver } from './place-resolver';
import { compileRowMapper } from './row-mapper';
import { openTable, type Encoding } from './table-source';

export interface ImportOptions {
  preset?: string;
  mapping?: string;
  /** Where the bad-row CSV goes (default: the data dir's imports/ folder). */
  errors?: string;
  /** Rows per database transaction. */
  batch?: number;
  encoding?: Encoding;
  /** Read and check everything, write no case and no progress. */
  dryRun?: boolean;
  /** Ignore an earlier run's progress (cases already held are still skipped). */
  restart?: boolean;
}

export interface ImportDeps {
  /** Open and migrated; absent only for a dry run. */
  db?: Db;
  city: CityInfo;
  grids?: GridSet;
  data: CaseData;
  dataDir: string;
  /** Notices (mapping chosen, columns absent, resuming). */
  say(line: string): void;
  /** After every committed batch. */
  progress?(p: ImportProgress, rowsPerSecond: number): void;
  now?: () => number;
}

export interface ImportSummary extends ImportProgress {
  mappingName: string;
  /** The line this run started after (0: from the top). */
  resumedAfter: number;
  /** Already finished before this run: nothing was read. */
  alreadyDone: boolean;
  /** Rows read by this run (the counts above include earlier runs of the same file). */
  rowsThisRun: number;
  /** Bad rows of this run, first ones, for the summary. */
  firstBad: BadRow[];
  /** Bad rows of this run by kind of reason (values left out), most frequent first. */
  reasons: Array<{ reason: string; count: number }>;
  seconds: number;
}

const DEFAULT_BATCH = 4000;
/** Transactions in flight on PostgreSQL (PGlite runs one at a time anyway). */
const POSTGRES_PARALLEL = 2;
/** In-file duplicate detection keeps this many case numbers (beyond it, the database's idempotency stands). */
const MAX_SEEN = 2_000_000;
const FIRST_BAD = 20;
const MAX_REASON_KINDS = 50;

/** A reason without its values, so that reasons count by kind: `上报时间 "…" is not a date-time …`. */
export function reasonKind(reason: string): string {
  return reason
    .replace(/"[^"]*"/g, '"…"')
    .replace(/\([^)]*\)/g, '(…)')
    .replace(/\b\d[\d,.-]*\b/g, 'N');
}

function mappingDigest(m: LoadedMapping): string {
  return createHash('sha256').update(JSON.stringify(m.mapping)).digest('hex').slice(0, 12);
}

async function preload(opts: ImportOptions): Promise<LoadedMapping | undefined> {
  if (opts.mapping) return readMappingFile(opts.mapping);
  if (opts.preset) return loadPreset(opts.preset);
  return undefined;
}

/**
 * Imports one CSV/XLSX export: rows → cases with their histories, written in batches (one transaction
 * each), the progress committed after each, bad rows reported by line and reason without stopping the
 * good ones. Parsing the next batch overlaps writing the last ones (ordered-batches.ts). Rerunning is
 * harmless: a finished file is not read again, an interrupted one resumes after its last committed line,
 * and case numbers already held are skipped.
 */
export async function importCases(file: string, opts: ImportOptions, deps: ImportDeps): Promise<ImportSummary> {
  const now = deps.now ?? Date.now;
  const t0 = now();
  const sha256 = await fileSha256(file).catch(() => '');
  const pre = await preload(opts);
  const table = await openTable(file, opts.encoding ?? pre?.mapping.encoding ?? 'auto');
  const chosen = await chooseMapping(table.header, opts);
  if (chosen.notice) deps.say(chosen.notice);
  const digest = mappingDigest(chosen);
  const mapping = `${chosen.mapping.name}@${digest}`;
  // Case ids in file order (not random UUIDs): both tables' primary keys then grow at their ends, which
  // PostgreSQL inserts far faster; the same file and mapping give the same ids, so a replay is a no-op.
  const idPrefix = `imp-${sha256.slice(0, 12)}${digest.slice(0, 4)}-`;

  let earlier = opts.restart || opts.dryRun ? undefined : await readProgress(deps.dataDir, sha256);
  if (earlier && earlier.mapping !== mapping) {
    deps.say(`${path.basename(file)} was imported before with mapping ${earlier.mapping}; reading it afresh with ${mapping} (cases already held are skipped).`);
    earlier = undefined;
  }
  const base = { mappingName: chosen.mapping.name, firstBad: [] as BadRow[], reasons: [] };
  if (earlier?.done) return { ...earlier, ...base, resumedAfter: earlier.line, alreadyDone: true, rowsThisRun: 0, seconds: (now() - t0) / 1000 };

  const mapper = compileRowMapper(chosen.mapping, table.header, {
    catalogue: deps.data.catalogue,
    calendar: deps.data.calendar,
    hallTimeZone: deps.city.timeZone,
    places: new PlaceResolver(deps.city, deps.grids),
    kind: table.kind,
    mappingFile: chosen.file,
  });
  if (mapper.absentColumns.length) deps.say(`columns the mapping names but the file lacks (read as blank): ${mapper.absentColumns.join(', ')}.`);
  // A dry run reports beside, never over, the report a real run may resume.
  const errorsFile = opts.errors ?? earlier?.errorsFile ?? path.join(importsDir(deps.dataDir), `${path.basename(file)}.${sha256.slice(0, 8)}${opts.dryRun ? '.dry-run' : ''}.errors.csv`);
  const errors = await BadRowFile.open(errorsFile, earlier?.errorsFile === errorsFile ? earlier.errorsBytes : undefined);
  const startLine = earlier?.line ?? 0;
  const rowsBefore = earlier?.rows ?? 0;
  if (earlier) deps.say(`resuming ${path.basename(file)} after line ${startLine} (${earlier.rows.toLocaleString('en')} rows done before).`);

  const at = new Date(t0).toISOString();
  const p: ImportProgress = earlier ? { ...earlier } : { sha256, file: path.resolve(file), mapping, line: 0, rows: 0, written: 0, skipped: 0, bad: 0, outside: 0, errorsFile, errorsBytes: errors.length, done: false, startedAt: at, updatedAt: at };
  p.errorsFile = errorsFile;
  const firstBad: BadRow[] = [];
  const batchSize = opts.batch ?? DEFAULT_BATCH;
  const seen = new Map<string, number>();
  const bulk = { timeZone: deps.city.timeZone, data: deps.data, centre: deps.city.adcode };

  let cases: HistoricCase[] = [];
  let bad: BadRow[] = [];
  let outside = 0;
  let line = startLine;
  type Chunk = { cases: HistoricCase[]; bad: BadRow[]; outside: number; line: number; rows: number };
  const batches = new OrderedBatches<Chunk, { written: number; skipped: number }>(
    {
      write: async (chunk) => (deps.db && !opts.dryRun ? writeHistoricCases(deps.db, chunk.cases, bulk) : { written: chunk.cases.length, skipped: 0 }),
      commit: async (chunk, r) => {
        await errors.append(chunk.bad);
        Object.assign(p, { line: chunk.line, errorsBytes: errors.length, updatedAt: new Date(now()).toISOString() });
        p.rows += chunk.rows;
        p.written += r.written;
        p.skipped += r.skipped;
        p.bad += chunk.bad.length;
        p.outside += chunk.outside;
        if (!opts.dryRun) await writeProgress(deps.dataDir, p);
        deps.progress?.(p, (p.rows - rowsBefore) / Math.max(0.001, (now() - t0) / 1000));
      },
    },
    deps.db?.engine === 'postgres' ? POSTGRES_PARALLEL : 1,
  );
  const flush = async () => {
    const chunk: Chunk = { cases, bad, outside, line, rows: cases.length + bad.length };
    cases = [];
    bad = [];
    outside = 0;
    await batches.push(chunk);
  };
  const kinds = new Map<string, number>();
  const reject = (r: BadRow) => {
    bad.push(r);
    if (firstBad.length < FIRST_BAD) firstBad.push(r);
    const kind = reasonKind(r.reason);
    if (kinds.has(kind) || kinds.size < MAX_REASON_KINDS) kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  };

  try {
    for await (const records of table.batches) {
      for (const rec of records) {
        if (rec.line <= startLine) {
          // Committed before: only its case number matters now, so a later duplicate is reported as in one run.
          const m = 'error' in rec ? undefined : mapper.map(rec.cells);
          if (m?.ok && seen.size < MAX_SEEN && !seen.has(m.value.case.caseNo)) seen.set(m.value.case.caseNo, rec.line);
          continue;
        }
        line = rec.line;
        if ('error' in rec) {
          reject({ line: rec.line, reason: `malformed ${table.kind.toUpperCase()}: ${rec.error}.` });
        } else {
          const m = mapper.map(rec.cells);
          if (!m.ok) reject(m.caseNo ? { line: rec.line, caseNo: m.caseNo, reason: m.reason } : { line: rec.line, reason: m.reason });
          else {
            const no = m.value.case.caseNo;
            const twin = seen.get(no);
            if (twin !== undefined) reject({ line: rec.line, caseNo: no, reason: `case number ${no} is already on line ${twin} of this file.` });
            else {
              if (seen.size < MAX_SEEN) seen.set(no, rec.line);
              m.value.case.id = idPrefix + String(rec.line).padStart(10, '0');
              if (m.value.case.outsideDistrict) outside++;
              cases.push(m.value);
            }
          }
        }
        if (cases.length + bad.length >= batchSize) await flush();
      }
    }
    await flush();
    await batches.finish();
    p.done = true;
    if (!opts.dryRun) await writeProgress(deps.dataDir, p);
  } finally {
    await batches.settle();
    await errors.close();
  }
  const reasons = [...kinds].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count);
  return { ...p, ...base, firstBad, reasons, resumedAfter: startLine, alreadyDone: false, rowsThisRun: p.rows - rowsBefore, seconds: (now() - t0) / 1000 };
}
