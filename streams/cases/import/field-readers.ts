import type { FieldSpec } from './mapping';

/**
 * A mapping's fields compiled against a file's header: column positions found once, so reading a row is
 * array indexing. Every reader gives trimmed text, '' for blank or absent.
 */
export interface FieldReader {
  /** How a reason names it: the column (or columns). */
  readonly label: string;
  /** Whether any column it reads is in the file. */
  readonly present: boolean;
  text(cells: readonly string[]): string;
}

/** Finds a column: exactly, then ignoring case and spaces around it. -1 when the file does not have it. */
export function columnIndex(header: readonly string[], column: string): number {
  const exact = header.indexOf(column);
  if (exact >= 0) return exact;
  const want = column.trim().toLowerCase();
  return header.findIndex((h) => h.trim().toLowerCase() === want);
}

function cell(cells: readonly string[], i: number): string {
  if (i < 0) return '';
  const v = cells[i];
  return v === undefined ? '' : v.trim();
}

export function fieldReader(header: readonly string[], spec: Pick<FieldSpec, 'column' | 'columns' | 'join'> | undefined, fallbackLabel: string): FieldReader {
  if (spec?.columns) {
    const idx = spec.columns.map((c) => columnIndex(header, c));
    const join = spec.join ?? ' ';
    return {
      label: spec.columns.join(' + '),
      present: idx.some((i) => i >= 0),
      text: (cells) => {
        let out = '';
        for (const i of idx) {
          const v = cell(cells, i);
          if (v) out = out ? out + join + v : v;
        }
        return out;
      },
    };
  }
  const column = spec?.column;
  const i = column ? columnIndex(header, column) : -1;
  return { label: column ?? fallbackLabel, present: i >= 0, text: (cells) => cell(cells, i) };
}

/** A value map: exact match first, then ignoring case (NYC writes "UNSANITARY CONDITION" and "Rodent"). */
export class ValueMap {
  private readonly exact: ReadonlyMap<string, string>;
  private readonly folded: ReadonlyMap<string, string>;

  constructor(values: Readonly<Record<string, string>> = {}) {
    this.exact = new Map(Object.entries(values).map(([k, v]) => [k.trim(), v]));
    this.folded = new Map(Object.entries(values).map(([k, v]) => [k.trim().toLowerCase(), v]));
  }

  get(raw: string): string | undefined {
    return this.exact.get(raw) ?? this.folded.get(raw.toLowerCase());
  }
}

/**
 * A coded field (source, stage, CRS): the mapped value, else the raw value when it is a code already (any
 * case), else the fallback (the mapping's default: for blank and unmapped values alike).
 */
export function codedValue<T extends string>(raw: string, map: ValueMap, codes: readonly T[], fallback: T | undefined): T | undefined {
  if (!raw) return fallback;
  const v = map.get(raw) ?? raw;
  if ((codes as readonly string[]).includes(v)) return v as T;
  const lower = v.toLowerCase();
  return codes.find((c) => c === lower) ?? fallback;
}
