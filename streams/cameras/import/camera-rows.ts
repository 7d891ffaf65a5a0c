import { parse } from 'csv-parse/sync';

/**
 * The rows of a camera list, before any checking: CSV with a header
 * (`id,name,lon,lat,heading,fov,groups,main,sub,exhibit`, groups separated by `;`) or a JSON array of
 * camera specs. Each row says where it is in the file, so a bad one can be reported by line.
 */
export interface CameraRow {
  /** `line 5` (CSV) or `item 3` (JSON). */
  where: string;
  id?: string;
  /** A spec to check, or why the row could not even be read. */
  value: unknown;
  error?: string;
}

/** A file that cannot be read as a camera list at all. */
export class CameraFileError extends Error {
  override name = 'CameraFileError';
}

export const CSV_COLUMNS = ['id', 'name', 'lon', 'lat', 'heading', 'fov', 'groups', 'main', 'sub', 'exhibit'] as const;
type Column = (typeof CSV_COLUMNS)[number];
const REQUIRED: readonly Column[] = ['id', 'name', 'lon', 'lat', 'main'];

const TRUE = new Set(['true', '1', 'yes', 'y', '是']);
const FALSE = new Set(['false', '0', 'no', 'n', '否']);

/** UTF-8 (with or without BOM), else GB18030: what Excel writes on a Chinese Windows. */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

function number(column: string, raw: string): number | { error: string } {
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(raw)) return { error: `${column} "${raw.slice(0, 40)}" is not a number` };
  return Number(raw);
}

/** One CSV record as a spec (types converted, empty optional cells left out). */
function specOf(cells: Record<Column, string | undefined>): { value: Record<string, unknown> } | { error: string } {
  const v: Record<string, unknown> = { id: cells.id ?? '', name: cells.name ?? '' };
  for (const k of ['lon', 'lat', 'heading', 'fov'] as const) {
    const raw = cells[k] ?? '';
    if (raw === '') {
      if (k === 'lon' || k === 'lat') return { error: `${k} is empty` };
      continue;
    }
    const n = number(k, raw);
    if (typeof n !== 'number') return n;
    v[k] = n;
  }
  const groups = (cells.groups ?? '')
    .split(/[;；]/)
    .map((g) => g.trim())
    .filter(Boolean);
  if (groups.length) v.groups = groups;
  v.main = { url: cells.main ?? '' };
  if (cells.sub) v.sub = { url: cells.sub };
  const ex = (cells.exhibit ?? '').toLowerCase();
  if (TRUE.has(ex)) v.exhibit = true;
  else if (FALSE.has(ex)) v.exhibit = false;
  else if (ex !== '') return { error: `exhibit "${ex.slice(0, 20)}" is not true or false` };
  return { value: v };
}

export function csvRows(text: string): CameraRow[] {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, info: true, trim: true }) as unknown as typeof records;
  } catch (err) {
    throw new CameraFileError(`is not readable CSV (${(err as Error).message})`);
  }
  const [head, ...body] = records;
  if (!head) throw new CameraFileError('is empty: it needs a header line (id,name,lon,lat,heading,fov,groups,main,sub,exhibit)');
  const header = head.record.map((h) => h.trim().toLowerCase());
  const unknown = header.filter((h) => !(CSV_COLUMNS as readonly string[]).includes(h));
  if (unknown.length) throw new CameraFileError(`has columns a camera list does not: ${unknown.join(', ')} (columns: ${CSV_COLUMNS.join(', ')})`);
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (missing.length) throw new CameraFileError(`lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (columns: ${CSV_COLUMNS.join(', ')})`);
  return body.map(({ record, info }) => {
    // csv-parse counts the line a record ends on; a quoted cell may span lines.
    const line = info.lines - record.reduce((n, c) => n + (c.match(/\n/g)?.length ?? 0), 0);
    const where = `line ${line}`;
    const cells = Object.fromEntries(header.map((h, i) => [h, record[i]])) as Record<Column, string | undefined>;
    const id = cells.id || undefined;
    if (record.length !== header.length) return { where, ...(id ? { id } : {}), value: undefined, error: `it has ${record.length} cells, the header ${header.length}` };
    const spec = specOf(cells);
    return 'error' in spec ? { where, ...(id ? { id } : {}), value: undefined, error: spec.error } : { where, ...(id ? { id } : {}), value: spec.value };
  });
}

export function jsonRows(text: string): CameraRow[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new CameraFileError(`is not JSON (${(err as Error).message})`);
  }
  if (!Array.isArray(parsed)) throw new CameraFileError('must hold a JSON array of cameras ([{"id": …, "name": …, "lon": …, "lat": …, "main": {"url": …}}, …])');
  return parsed.map((value: unknown, i) => {
    const id = value && typeof value === 'object' && typeof (value as { id?: unknown }).id === 'string' ? (value as { id: string }).id : undefined;
    return { where: `item ${i + 1}`, ...(id ? { id: id.slice(0, 64) } : {}), value };
  });
}

/** The rows of a `.csv` or `.json` file (by its name, else by its first character). */
export function cameraRows(fileName: string, bytes: Uint8Array): CameraRow[] {
  const text = decodeText(bytes);
  const ext = fileName.toLowerCase().split('.').pop();
  if (ext === 'json' || (ext !== 'csv' && /^\s*\[/.test(text))) return jsonRows(text);
  return csvRows(text);
}
