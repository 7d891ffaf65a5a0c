import { describe, expect, it } from 'vitest';
import { CsvRecordSplitter, type CsvRecord } from './csv-records';

function split(text: string, chunk = text.length, maxChars?: number): CsvRecord[] {
  const out: CsvRecord[] = [];
  const s = new CsvRecordSplitter((r) => out.push(r), maxChars);
  for (let i = 0; i < text.length; i += chunk) s.push(text.slice(i, i + chunk));
  s.end();
  return out;
}

describe('CSV records', () => {
  it('reads quoted cells, doubled quotes, line breaks in cells, CRLF and a BOM, with the line each record starts on', () => {
    const text = '\uFEFFa,b,c\r\n1,"x, ""y""",3\r\n\r\n"multi\nline",,\n4,5 "inch",6';
    const expected: CsvRecord[] = [
      { line: 1, cells: ['a', 'b', 'c'] },
      { line: 2, cells: ['1', 'x, "y"', '3'] },
      { line: 4, cells: ['multi\nline', '', ''] },
      { line: 6, cells: ['4', '5 "inch"', '6'] },
    ];
    expect(split(text)).toEqual(expected);
    // Chunk boundaries anywhere give the same records.
    for (const size of [1, 2, 3, 7]) expect(split(text, size)).toEqual(expected);
  });

  it('reports a malformed record and reads on from the next line', () => {
    const out = split('h1,h2\n1,"a"b\n2,ok\n3,"never closed\n4,x\n5,y\n');
    expect(out).toEqual([
      { line: 1, cells: ['h1', 'h2'] },
      { line: 2, error: expect.stringContaining('text follows the closing quote of cell 2') },
      { line: 3, cells: ['2', 'ok'] },
      { line: 4, error: 'a quote (") opened in this record is never closed' },
      { line: 5, cells: ['4', 'x'] },
      { line: 6, cells: ['5', 'y'] },
    ]);
  });

  it('reports an oversized line without holding it, and goes on', () => {
    const out = split(`h\n${'x'.repeat(5000)}\nok\n`, 1000, 2000);
    expect(out).toEqual([
      { line: 1, cells: ['h'] },
      { line: 2, error: 'the line is longer than 2,000 characters' },
      { line: 3, cells: ['ok'] },
    ]);
  });
});
