import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openTable, TableError, type TableRecord, type TableSource } from './table-source';

const fixture = (name: string) => path.join(import.meta.dirname, 'fixtures', name);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'gw-table-'));

async function all(t: TableSource): Promise<TableRecord[]> {
  const out: TableRecord[] = [];
  for await (const batch of t.batches) out.push(...batch);
  return out;
}

describe('export readers', () => {
  it('reads a GBK (GB18030) CSV as Chinese Excel saves it, telling it from UTF-8 by itself', async () => {
    const t = await openTable(fixture('szcg-gbk.csv'));
    expect(t.encoding).toBe('gb18030');
    expect(t.header.slice(0, 3)).toEqual(['案卷编号', '问题来源', '问题类型']);
    const [first] = await all(t);
    expect(first).toMatchObject({ line: 2, cells: expect.arrayContaining(['监督员上报', '八宝山路口暴露垃圾一堆']) });
    expect((await openTable(fixture('szcg-sample.csv'))).encoding).toBe('utf-8');
  });

  it('streams the first sheet of a workbook: date cells as wall-clock text, numbers as text, blank rows skipped', async () => {
    const t = await openTable(fixture('szcg-sample.xlsx'));
    expect(t).toMatchObject({ kind: 'xlsx', headerLine: 1 });
    const rows = await all(t);
    const first = rows[0] as { line: number; cells: string[] };
    expect(first.line).toBe(2);
    expect(first.cells.slice(5, 6)).toEqual(['102']);
    expect(first.cells.slice(10, 15)).toEqual(['116.2301', '39.9012', 'WGS84', '2026-03-16T09:00:00.000', '2026-03-16T09:10:00.000']);
    expect(rows.map((r) => r.line).slice(-2)).toEqual([23, 25]);
  });

  it('says in one sentence why a file is no table', async () => {
    const empty = path.join(tmp, 'empty.csv');
    writeFileSync(empty, '\n\n');
    const cases: Array<[string, RegExp]> = [
      [path.join(tmp, 'missing.csv'), /missing\.csv: no such file\.$/],
      [empty, /empty\.csv: is empty: it needs a header row naming the columns\.$/],
      [fixture('README.md'), /README\.md: is neither \.csv nor \.xlsx \(\.md\)/],
      [fixture('szcg-truncated.xlsx'), /szcg-truncated\.xlsx: is not a readable XLSX file \(.+\): save it again/],
      [tmp, /is neither \.csv nor \.xlsx/],
    ];
    for (const [file, message] of cases) {
      const err = await openTable(file).catch((e: unknown) => e);
      expect(err, file).toBeInstanceOf(TableError);
      expect((err as Error).message).toMatch(message);
    }
  });
});
