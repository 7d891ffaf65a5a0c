// The browser build of csv-parse: self-contained (the default entry needs Node's Buffer), and app/ is
// bundled for the wall too.
import { parse } from 'csv-parse/browser/esm/sync';

/**
 * A problem in a data file a city edits (catalogue, calendar): one sentence naming the file, the line and
 * what to fix. Callers print `message` as it is; a stack trace is never the answer to bad data.
 */
export class CaseDataError extends Error {
  override name = 'CaseDataError';
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    detail: string,
  ) {
    super(`${file}${line === undefined ? '' : `, line ${line}`}: ${detail}`);
  }
}

/** One data row: its cells by column name (trimmed, '' when empty) and the line it starts on. */
export interface CsvRow {
  line: number;
  cells: Readonly<Record<string, string>>;
}

interface Parsed {
  record: string[];
  info: { lines: number };
}

const QUOTE_HELP: Readonly<Record<string, string>> = {
  CSV_QUOTE_NOT_CLOSED: 'a quote (") opened here is never closed: close it, or remove it',
  INVALID_OPENING_QUOTE: 'a quote (") appears inside a cell: put the whole cell in quotes and double the quote ("")',
  INVALID_CLOSING_QUOTE: 'text follows a closing quote ("): put the whole cell in quotes and double inner quotes ("")',
};

function records(text: string, file: string): Parsed[] {
  try {
    return parse(text, {
      bom: true,
      comment: '#',
      comment_no_infix: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
      info: true,
    }) as unknown as Parsed[];
  } catch (err) {
    const e = err as { code?: string; lines?: number; message?: string };
    const help = (e.code ? QUOTE_HELP[e.code] : undefined) ?? `it is not valid CSV (${e.message ?? String(err)})`;
    throw new CaseDataError(file, typeof e.lines === 'number' ? e.lines : undefined, `${help}.`);
  }
}

/**
 * The rows of a CSV table under a header line of column names. Lines starting with # are comments.
 * Refuses unknown and missing columns (a typo would silently lose data) and rows wider than the header;
 * a row may leave out trailing empty cells.
 */
export function readCsvTable(text: string, file: string, columns: readonly string[], required: readonly string[] = columns): CsvRow[] {
  const all = records(text, file);
  const head = all[0];
  if (!head) throw new CaseDataError(file, undefined, `is empty: it needs a header line naming the columns (${columns.join(', ')}).`);
  const names = head.record.map((c) => c.toLowerCase());
  for (const n of names) {
    if (!columns.includes(n)) throw new CaseDataError(file, head.info.lines, `the header names an unknown column "${n}": the columns are ${columns.join(', ')}.`);
  }
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) throw new CaseDataError(file, head.info.lines, `the header names column "${dup}" twice.`);
  const missing = required.filter((c) => !names.includes(c));
  if (missing.length) throw new CaseDataError(file, head.info.lines, `the header lacks column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}.`);

  return all.slice(1).map(({ record, info }) => {
    // info.lines is where the record ends; a quoted cell may span lines.
    const line = info.lines - record.reduce((n, c) => n + (c.match(/\n/g)?.length ?? 0), 0);
    // Trailing empty cells may be left out; extra ones are a mistake (usually an unquoted comma).
    if (record.length > names.length) {
      throw new CaseDataError(file, line, `has ${record.length} cells but the header has ${names.length} columns (a comma inside a cell needs the cell in quotes).`);
    }
    const cells: Record<string, string> = {};
    for (const c of columns) cells[c] = '';
    names.forEach((n, i) => (cells[n] = record[i] ?? ''));
    return { line, cells };
  });
}
