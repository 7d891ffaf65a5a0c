import { createReadStream } from 'node:fs';
import path from 'node:path';
import { TextDecoder } from 'node:util';
import { CsvRecordSplitter, type CsvRecord } from './csv-records';

/** A record of the table: its cells and the line (CSV) or row (XLSX) it starts on, or why it is unreadable. */
export type TableRecord = CsvRecord;

/** An export as rows: the header, then records in batches as they are read (never the whole file in memory). */
export interface TableSource {
  kind: 'csv' | 'xlsx';
  header: string[];
  headerLine: number;
  /** CSV: the encoding read (utf-8 or gb18030). */
  encoding?: string;
  batches: AsyncIterable<TableRecord[]>;
}

/** The file cannot be read as a table at all (as opposed to a bad record in it). */
export class TableError extends Error {
  override name = 'TableError';
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`${file}: ${detail}`);
  }
}

export type Encoding = 'auto' | 'utf-8' | 'gb18030';

/** UTF-8 unless the first bytes are not UTF-8, then GB18030 (a superset of GBK, what Chinese Excel writes). */
function detectEncoding(head: Uint8Array): 'utf-8' | 'gb18030' {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

async function* csvBatches(file: string, encoding: Encoding, found: (e: string) => void): AsyncGenerator<TableRecord[]> {
  const out: TableRecord[] = [];
  const splitter = new CsvRecordSplitter((r) => out.push(r));
  let decoder: TextDecoder | undefined;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    if (!decoder) {
      const e = encoding === 'auto' ? detectEncoding(chunk.subarray(0, 1 << 16)) : encoding;
      found(e);
      decoder = new TextDecoder(e);
    }
    splitter.push(decoder.decode(chunk, { stream: true }));
    if (out.length) yield out.splice(0);
  }
  if (decoder) splitter.push(decoder.decode());
  splitter.end();
  if (out.length) yield out.splice(0);
}

/** Takes the first readable record as the header; the rest is the body. */
async function withHeader(file: string, kind: TableSource['kind'], batches: AsyncIterator<TableRecord[]>): Promise<{ header: string[]; headerLine: number; rest: TableRecord[] }> {
  for (;;) {
    const next = await batches.next();
    if (next.done) throw new TableError(file, 'is empty: it needs a header row naming the columns.');
    const [first, ...rest] = next.value;
    if (!first) continue;
    if ('error' in first) throw new TableError(file, `the header (${kind === 'csv' ? 'line' : 'row'} ${first.line}) cannot be read: ${first.error}.`);
    return { header: first.cells.map((c) => c.trim()), headerLine: first.line, rest };
  }
}

async function* prepend(first: TableRecord[], rest: AsyncIterator<TableRecord[]>): AsyncGenerator<TableRecord[]> {
  if (first.length) yield first;
  for (;;) {
    const next = await rest.next();
    if (next.done) return;
    yield next.value;
  }
}

/** Why a file cannot be opened, in words. */
function openError(file: string, err: unknown): TableError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new TableError(file, 'no such file.');
  if (code === 'EISDIR') return new TableError(file, 'is a folder, not a CSV or XLSX file.');
  return new TableError(file, `cannot be read (${code ?? (err as Error).message}).`);
}

/** Opens a CSV or XLSX export (by its extension) and reads its header. */
export async function openTable(file: string, encoding: Encoding = 'auto'): Promise<TableSource> {
  const ext = path.extname(file).toLowerCase();
  if (ext !== '.csv' && ext !== '.xlsx' && ext !== '.txt') throw new TableError(file, `is neither .csv nor .xlsx (${ext || 'no extension'}): save the export as CSV (UTF-8 or GBK) or XLSX.`);
  const kind = ext === '.xlsx' ? 'xlsx' : 'csv';
  let found: string | undefined;
  // exceljs takes half a second to load: only when there is a workbook to read.
  const iterator = kind === 'xlsx' ? (await import('./xlsx-records')).readXlsx(file)[Symbol.asyncIterator]() : csvBatches(file, encoding, (e) => (found = e));
  let head: Awaited<ReturnType<typeof withHeader>>;
  try {
    head = await withHeader(file, kind, iterator);
  } catch (err) {
    if (err instanceof TableError) throw err;
    if ((err as NodeJS.ErrnoException).code) throw openError(file, err);
    throw new TableError(file, `is not a readable ${kind.toUpperCase()} file (${(err as Error).message}): save it again from the spreadsheet, or export it as CSV.`);
  }
  const source: TableSource = { kind, header: head.header, headerLine: head.headerLine, batches: prepend(head.rest, iterator) };
  if (found) source.encoding = found;
  return source;
}
