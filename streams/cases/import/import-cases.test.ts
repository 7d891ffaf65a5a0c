import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadHallCity, type HallCity } from '../../city/hall-city';
import { loadConfig } from '../../config/config';
import type { Db } from '../../db/db';
import { migrate } from '../../db/migrations';
import { testDatabases } from '../../db/test-databases';
import { loadCaseData, type CaseData } from '../case-data';
import { CASE_MIGRATIONS, CASES_MODULE } from '../case-migrations';
import { CaseStore } from '../case-store';
import { importCases, type ImportDeps, type ImportOptions } from './import-cases';
import { fileSha256, readProgress } from './import-progress';
import { TableError } from './table-source';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const fixture = (name: string) => path.join(FIXTURES, name);

/** A database whose transactions fail after the first `n`: a connection lost half way through an import. */
function failingAfter(db: Db, n: number): Db {
  let calls = 0;
  return {
    engine: db.engine,
    query: (sql, params) => db.query(sql, params),
    exec: (sql) => db.exec(sql),
    tx: (fn) => (++calls > n ? Promise.reject(new Error('connection lost')) : db.tx(fn)),
    close: () => db.close(),
  };
}

let city: HallCity;
let data: CaseData;
beforeAll(async () => {
  [city, data] = await Promise.all([loadHallCity(loadConfig({ GRIDWALL_DATA: mkdtempSync(path.join(os.tmpdir(), 'gw-import-city-')) })), loadCaseData()]);
}, 30_000);

describe.each(testDatabases())('case import: $name', (target) => {
  let db: Db;
  let dataDir: string;
  const deps = (over: Partial<ImportDeps> = {}): ImportDeps => ({ db, city: city.info, grids: city.grids, data, dataDir, say: () => {}, ...over });
  const run = (file: string, opts: ImportOptions = {}, over: Partial<ImportDeps> = {}) => importCases(file, opts, deps(over));
  const row = async (caseNo: string) => (await db.query<Record<string, unknown>>('SELECT * FROM gridwall_case WHERE case_no = $1', [caseNo]))[0];
  const actions = async (caseNo: string) => (await new CaseStore(db, { centre: '110107', timeZone: 'Asia/Shanghai' }).byCaseNo(caseNo))?.history.map((e) => e.action) ?? [];

  beforeAll(async () => {
    db = await target.open();
    await migrate(db, [{ module: CASES_MODULE, migrations: CASE_MIGRATIONS }]);
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'gw-import-'));
  }, 60_000);
  afterAll(async () => {
    await db?.close();
    await target.cleanup();
  });

  it('imports the szcg CSV: the good rows as cases with their histories, the bad ones reported by line and reason', async () => {
    const s = await run(fixture('szcg-sample.csv'), { preset: 'szcg' });
    expect(s).toMatchObject({ rows: 24, written: 14, skipped: 0, bad: 10, outside: 1, done: true, mappingName: 'szcg' });
    expect(s.firstBad.map((b) => [b.line, b.caseNo])).toEqual([
      [14, undefined],
      [15, '110107-20260316-0013'],
      [16, '110107-20260316-0014'],
      [17, '110107-20260316-0015'],
      [18, '110107-20260316-0016'],
      [19, '110107-20260316-0017'],
      [20, '110107-20260316-0018'],
      [21, '110107-20260316-0019'],
      [22, '110107-20260316-0001'],
      [25, undefined],
    ]);
    expect(s.firstBad.map((b) => b.reason.split(/[:,(]/)[0])).toEqual([
      'malformed CSV',
      'unknown category event.0199 ',
      '上报时间 "2026/03/16 16',
      '派遣时间 ',
      '当前阶段 "结案" needs 结案时间',
      '问题描述 is 4',
      '经度 is blank',
      '问题来源 "路人甲" is not mapped to a case source ',
      'case number 110107-20260316-0001 is already on line 2 of this file.',
      'malformed CSV',
    ]);
    const report = readFileSync(s.errorsFile, 'utf8').trim().split('\n');
    expect(report[0]).toBe('line,case_no,reason');
    expect(report).toHaveLength(11);

    expect(await row('110107-20260316-0001')).toMatchObject({ stage: 'closed', source: 'inspector', department: '区环卫中心', closed_on_time: true, extended: false, outside_district: false, last_seq: 8 });
    expect(await actions('110107-20260316-0004')).toEqual(['report', 'self-fix', 'close']);
    expect(await row('110107-20260316-0007')).toMatchObject({ stage: 'closed', extended: true, closed_on_time: true });
    expect(await row('110107-20260316-0008')).toMatchObject({ stage: 'filed', grid: '110107001001003' });
    expect(await row('110107-20260316-0012')).toMatchObject({ outside_district: true, street: null });
    expect(await row('110107-20260316-0021')).toMatchObject({ description: '第一行\n第二行' });
    expect(await row('110107-20260316-0023')).toMatchObject({ stage: 'reported' });
    const stages = await db.query<{ case_no: string; stage: string }>(`SELECT case_no, stage FROM gridwall_case WHERE case_no LIKE '110107-20260316-%' ORDER BY case_no`);
    expect(stages.map((r) => r.stage)).toEqual(['closed', 'handling', 'fed-back', 'closed', 'void', 'parked', 'closed', 'filed', 'checked', 'accepted', 'closed', 'reported', 'reported', 'reported']);
    // Live numbering continues after the imported numbers of that day.
    expect(await db.query(`SELECT last FROM gridwall_case_counter WHERE centre = '110107' AND day = '20260316'`)).toEqual([{ last: 23 }]);
  });

  it('is idempotent: a finished file is not read again, and reading it again skips every case held', async () => {
    const again = await run(fixture('szcg-sample.csv'), { preset: 'szcg' });
    expect(again).toMatchObject({ alreadyDone: true, written: 14 });
    const restart = await run(fixture('szcg-sample.csv'), { preset: 'szcg', restart: true });
    expect(restart).toMatchObject({ rows: 24, written: 0, skipped: 14, bad: 10 });
    expect(await db.query(`SELECT count(*)::int AS n FROM gridwall_case WHERE case_no LIKE '110107-20260316-%'`)).toEqual([{ n: 14 }]);
  });

  it('resumes an interrupted import after its last committed batch: each case written once, each bad row reported once', async () => {
    const file = path.join(dataDir, 'next-day.csv');
    writeFileSync(file, readFileSync(fixture('szcg-sample.csv'), 'utf8').replaceAll('110107-20260316-', '110107-20260317-'));
    await expect(run(file, { batch: 5 }, { db: failingAfter(db, 2) })).rejects.toThrow('connection lost');
    const stopped = await readProgress(dataDir, await fileSha256(file));
    expect(stopped).toMatchObject({ done: false, rows: 10 });
    const resumed = await run(file, { batch: 5 });
    expect(resumed).toMatchObject({ resumedAfter: stopped?.line, rows: 24, written: 14, skipped: 0, bad: 10, done: true });
    expect(resumed.rowsThisRun).toBe(14);
    expect(await db.query(`SELECT count(*)::int AS n FROM gridwall_case WHERE case_no LIKE '110107-20260317-%'`)).toEqual([{ n: 14 }]);
    expect(readFileSync(resumed.errorsFile, 'utf8').trim().split('\n')).toHaveLength(11);
  });

  it('imports the XLSX version: date cells, number cells and an error cell read; the cases it shares with the CSV skipped', async () => {
    const s = await run(fixture('szcg-sample.xlsx'), { preset: 'szcg' });
    expect(s).toMatchObject({ rows: 23, written: 1, skipped: 14, bad: 8 });
    expect(await row('110107-20260316-0030')).toMatchObject({ stage: 'reported', description: '暴露垃圾', category: 'event.0102' });
  });

  it('imports the NYC 311 samples (API and portal exports) and Boston 311 with their presets', async () => {
    const api = await run(fixture('nyc-sample.csv'), { preset: 'nyc' });
    expect(api).toMatchObject({ rows: 50, written: 15, bad: 35, outside: 15 });
    // An open pothole, opened at 03:03:15 New York summer time.
    expect(await row('NYC-60879417')).toMatchObject({ stage: 'reported', category: 'event.0401', source: 'hotline-12345', reported_at: Date.parse('2024-04-16T03:03:15-04:00') });
    const portal = await run(fixture('nyc-export-sample.csv'), { preset: 'nyc' });
    expect(portal).toMatchObject({ mappingName: 'nyc-export', rows: 50, written: 23, bad: 27 });
    const closed = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM gridwall_case WHERE case_no LIKE 'NYC-%' AND stage = 'closed' AND closed_at >= reported_at`);
    expect(closed[0]?.n).toBeGreaterThan(15);
    const boston = await run(fixture('boston-sample.csv'), { preset: 'boston' });
    expect(boston).toMatchObject({ rows: 50, written: 48, bad: 2 });
    expect(boston.firstBad.map((b) => b.reason)).toEqual(Array(2).fill('unknown category: type "Overcrowding" is not mapped to a class (add it to fields.category.values, or set fields.category.default).'));
    // The SLA target is the deadline: an extension past the class's own limit.
    expect(await row('BOS-101005870246')).toMatchObject({ stage: 'handling', extended: true, outside_district: true, deadline: Date.parse('2025-02-07T03:30:00-05:00') });
  });

  it('refuses a truncated workbook as a whole, in one sentence', async () => {
    await expect(run(fixture('szcg-truncated.xlsx'), { preset: 'szcg' })).rejects.toThrow(TableError);
    await expect(run(fixture('szcg-truncated.xlsx'), { preset: 'szcg' })).rejects.toThrow(/szcg-truncated\.xlsx: is not a readable XLSX file/);
  });
});
