import ExcelJS from 'exceljs';
import type { CsvRecord } from './csv-records';

/**
 * The first worksheet of an XLSX workbook as records, streamed (exceljs' WorkbookReader: the sheet XML is
 * read as it unzips, never the whole workbook in memory). Cells become text; a date cell becomes
 * XLSX_DATE_FORMAT (date-format.ts), its wall-clock time as Excel shows it, so it is read in the mapping's time zone.
 */

const BATCH = 500;

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Excel stores wall-clock times; exceljs hands them over as a Date whose UTC fields are that clock. */
function dateText(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const ms = d.getUTCMilliseconds();
  return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}T${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}.${String(ms).padStart(3, '0')}`;
}

export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return dateText(v);
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('hyperlink' in v) return String(v.text);
  if ('error' in v) return '';
  if ('result' in v) return v.result === undefined ? '' : cellText(v.result);
  return '';
}

/** Record batches of the first worksheet; blank rows are skipped. Errors (not a workbook) surface on the first read. */
export async function* readXlsx(file: string): AsyncGenerator<CsvRecord[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  let out: CsvRecord[] = [];
  for await (const sheet of reader) {
    for await (const row of sheet) {
      const values = row.values as ExcelJS.CellValue[];
      const cells: string[] = [];
      let any = false;
      for (let i = 1; i < values.length; i++) {
        const t = cellText(values[i]);
        if (t) any = true;
        cells.push(t);
      }
      if (!any) continue;
      out.push({ line: row.number, cells });
      if (out.length >= BATCH) {
        yield out;
        out = [];
      }
    }
    break;
  }
  if (out.length) yield out;
}
