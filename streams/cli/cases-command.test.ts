import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const FIXTURES = path.join(ROOT, 'streams/cases/import/fixtures');
const data = mkdtempSync(path.join(os.tmpdir(), 'gw-cases-cli-'));

function gridwall(args: string[]) {
  const r = spawnSync(process.execPath, ['bin/gridwall.mjs', 'cases', 'import', ...args], {
    cwd: ROOT,
    // The embedded database in a data dir of its own; CI's DATABASE_URL stays out.
    env: { ...process.env, DATABASE_URL: '', GRIDWALL_CONFIG: '', GRIDWALL_DATA: data },
    encoding: 'utf8',
    timeout: 150_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('gridwall cases import', () => {
  it('imports an export into the data dir’s database, reports its bad rows, and knows it on a second run', () => {
    const r = gridwall([path.join(FIXTURES, 'szcg-sample.csv'), '--preset', 'szcg']);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Imported into the embedded database');
    expect(r.out).toContain('24 rows: 14 new cases, 0 already held, 10 bad rows, 1 outside the district (kept, flagged)');
    expect(r.out).toContain('line 16 (110107-20260316-0014): 上报时间 "2026/03/16 16:10" is not a date-time in the format yyyy-MM-dd HH:mm:ss.');
    const errors = /bad rows \(all in (.+)\):/.exec(r.out)?.[1] ?? '';
    expect(existsSync(errors)).toBe(true);
    expect(readFileSync(errors, 'utf8').trim().split('\n')).toHaveLength(11);

    const again = gridwall([path.join(FIXTURES, 'szcg-sample.csv')]);
    expect(again.code).toBe(0);
    expect(again.out).toContain('szcg-sample.csv was imported already');
  }, 300_000);

  it('exits 1 when no row can be imported, 2 when the mapping or the file cannot be used, each in plain words', () => {
    const allBad = path.join(data, 'all-bad.csv');
    const csv = readFileSync(path.join(FIXTURES, 'szcg-sample.csv'), 'utf8').split('\r\n');
    writeFileSync(allBad, [csv[0], ...csv.slice(14, 18)].join('\r\n'));
    const none = gridwall([allBad, '--dry-run']);
    expect(none.code).toBe(1);
    expect(none.err).toContain('gridwall: nothing could be imported from all-bad.csv: every row is bad (see above).');

    const mapping = path.join(data, 'mine.json');
    writeFileSync(mapping, JSON.stringify({ name: 'mine', timeZone: 'Asia/Shanghai', dateFormats: ['yyyy-MM-dd HH:mm:ss'], fields: { caseNo: '案卷编号' } }));
    const bad = gridwall([allBad, '--mapping', mapping, '--dry-run']);
    expect(bad.code).toBe(2);
    expect(bad.err.trim()).toMatch(/^gridwall: .*mine\.json: fields /);
    expect(bad.err.trim().split('\n')).toHaveLength(1);

    const broken = gridwall([path.join(FIXTURES, 'szcg-truncated.xlsx'), '--preset', 'szcg', '--dry-run']);
    expect(broken.code).toBe(2);
    expect(broken.err.trim()).toMatch(/^gridwall: .*szcg-truncated\.xlsx: is not a readable XLSX file/);
  }, 300_000);
});
