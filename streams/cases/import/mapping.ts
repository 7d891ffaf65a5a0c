import Type, { type Static, type TSchema } from 'typebox';
import Value from 'typebox/value';
import { CASE_SOURCES } from '../../../app/case/case';
import { CASE_STAGES } from '../../../app/case/case-stage';
import { checkTimeZone } from '../../../app/case/zoned-time';
import { dateFormats, DateFormatError } from './date-format';

/**
 * How an export's columns become cases (`--mapping file.json`, or a preset in presets/): which column holds
 * which field, value maps (问题来源 → source), date formats and time zone, CRS. A field is a column name, or
 * {column | columns + join, values, default, prefix}. Checked once, before any row is read; every problem
 * is one sentence naming the mapping file and the field.
 */

const ColumnName = Type.String({ minLength: 1, maxLength: 200 });
const ValueMap = Type.Record(Type.String(), Type.String());

export const FieldSpec = Type.Object(
  {
    /** The column it comes from. */
    column: Type.Optional(ColumnName),
    /** Several columns joined (blank ones left out), e.g. complaint type and descriptor. */
    columns: Type.Optional(Type.Array(ColumnName, { minItems: 1, maxItems: 10 })),
    join: Type.Optional(Type.String({ maxLength: 10 })),
    /** Raw value → field value (matched exactly, then ignoring case and surrounding spaces). */
    values: Type.Optional(ValueMap),
    /** When the column is absent, blank or (with values) unmapped. */
    default: Type.Optional(Type.String()),
    /** Put before the value (case numbers of several sources in one hall: NYC-, BOS-). */
    prefix: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]{0,12}$' })),
  },
  { additionalProperties: false },
);
export type FieldSpec = Static<typeof FieldSpec>;

export const CategorySpec = Type.Object(
  {
    /** One column whose values map to catalogue keys (`event.0505`); a value that is a key already needs no entry. */
    column: Type.Optional(ColumnName),
    values: Type.Optional(ValueMap),
    /** A catch-all class for unmapped values; without it an unmapped value is a bad row. */
    default: Type.Optional(Type.String()),
    /** Or kind and small-class code in two columns (问题类型 部件/事件 + 小类代码), with the name as a fallback. */
    kindColumn: Type.Optional(ColumnName),
    kindValues: Type.Optional(ValueMap),
    codeColumn: Type.Optional(ColumnName),
    nameColumn: Type.Optional(ColumnName),
  },
  { additionalProperties: false },
);
export type CategorySpec = Static<typeof CategorySpec>;

const Optional = <T extends TSchema>(t: T) => Type.Optional(t);

export const MappingFields = Type.Object(
  {
    caseNo: FieldSpec,
    source: FieldSpec,
    category: CategorySpec,
    description: FieldSpec,
    address: Optional(FieldSpec),
    lon: FieldSpec,
    lat: FieldSpec,
    grid: Optional(FieldSpec),
    community: Optional(FieldSpec),
    street: Optional(FieldSpec),
    reportedAt: FieldSpec,
    filedAt: Optional(FieldSpec),
    dispatchedAt: Optional(FieldSpec),
    deadline: Optional(FieldSpec),
    handledAt: Optional(FieldSpec),
    checkedAt: Optional(FieldSpec),
    closedAt: Optional(FieldSpec),
    department: Optional(FieldSpec),
    stage: Optional(FieldSpec),
    reporter: Optional(FieldSpec),
  },
  { additionalProperties: false },
);
export type MappingFields = Static<typeof MappingFields>;
export type FieldName = keyof MappingFields;

export const Mapping = Type.Object(
  {
    name: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,39}$' }),
    description: Optional(Type.String({ maxLength: 2000 })),
    /** IANA zone the export's times are written in. */
    timeZone: Type.String({ minLength: 1 }),
    /** Tried in order for every time column. */
    dateFormats: Type.Array(Type.String({ minLength: 1, maxLength: 60 }), { minItems: 1, maxItems: 10 }),
    /** Text encoding of a CSV: auto tells UTF-8 from GB18030 (GBK) by the first bytes. */
    encoding: Optional(Type.Union([Type.Literal('auto'), Type.Literal('utf-8'), Type.Literal('gb18030')])),
    /** refuse: every stage time is written (blank = not reached); fill: only some are (311 exports). */
    missingTimes: Optional(Type.Union([Type.Literal('refuse'), Type.Literal('fill')])),
    /** The coordinates' CRS: a column with values, or a default (wgs84, gcj02, bd09). */
    crs: Optional(FieldSpec),
    fields: MappingFields,
  },
  { additionalProperties: false },
);
export type Mapping = Static<typeof Mapping>;

/** A mapping file that cannot be used, in one sentence naming the file and the field. */
export class MappingError extends Error {
  override name = 'MappingError';
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`${file}: ${detail}`);
  }
}

const CRS_NAMES = ['wgs84', 'gcj02', 'bd09'] as const;
const CATEGORY_KEY = /^(event|part)\.[0-9]{4,5}$/;

interface SchemaError {
  keyword: string;
  instancePath: string;
  message: string;
  params: { additionalProperties?: string[] };
}

function where(path: string): string {
  return path ? path.slice(1).replaceAll('/', '.') : 'the mapping';
}

function describe(errors: readonly SchemaError[]): string {
  const extra = errors.find((e) => e.keyword === 'additionalProperties');
  if (extra) return `${where(extra.instancePath)} has an unknown field "${extra.params.additionalProperties?.[0] ?? '?'}".`;
  const e = errors.find((x) => x.keyword !== 'boolean') ?? errors[0];
  return `${where(e?.instancePath ?? '')} ${e?.message ?? 'is not valid'}.`;
}

/** A bare column name is short for {column}. */
function expand(doc: unknown): unknown {
  if (!doc || typeof doc !== 'object') return doc;
  const d = doc as Record<string, unknown>;
  const fields = d.fields && typeof d.fields === 'object' ? (d.fields as Record<string, unknown>) : undefined;
  const out: Record<string, unknown> = { ...d };
  if (typeof d.crs === 'string') out.crs = { default: d.crs };
  if (fields) out.fields = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, typeof v === 'string' ? { column: v } : v]));
  return out;
}

function checkValues(file: string, path: string, spec: FieldSpec | undefined, allowed: readonly string[], what: string): void {
  if (!spec) return;
  const bad = (v: string, at: string) => {
    if (!allowed.includes(v)) throw new MappingError(file, `${at} "${v}" is not ${what} (${allowed.join(', ')}).`);
  };
  for (const [k, v] of Object.entries(spec.values ?? {})) bad(v, `${path}.values.${k}`);
  if (spec.default !== undefined) bad(spec.default, `${path}.default`);
}

/** What only code can check: columns or defaults present, mapped values known, formats and zone valid. */
function checkMeaning(file: string, m: Mapping): void {
  for (const [name, spec] of Object.entries(m.fields) as Array<[string, FieldSpec | CategorySpec | undefined]>) {
    if (!spec || name === 'category') continue;
    const f = spec as FieldSpec;
    if (!f.column && !f.columns && f.default === undefined) throw new MappingError(file, `fields.${name} names no column (column or columns) and no default.`);
    if (f.column && f.columns) throw new MappingError(file, `fields.${name} has both column and columns: use one.`);
  }
  const c = m.fields.category;
  if (!c.column && !c.codeColumn && c.default === undefined) throw new MappingError(file, 'fields.category needs column (with values), or kindColumn and codeColumn.');
  if (c.column && (c.codeColumn || c.kindColumn)) throw new MappingError(file, 'fields.category has column and codeColumn/kindColumn: use one way.');
  for (const [k, v] of Object.entries(c.values ?? {})) if (!CATEGORY_KEY.test(v)) throw new MappingError(file, `fields.category.values.${k} "${v}" is not a catalogue key (e.g. event.0102, part.0101).`);
  if (c.default !== undefined && !CATEGORY_KEY.test(c.default)) throw new MappingError(file, `fields.category.default "${c.default}" is not a catalogue key (e.g. event.0102).`);
  for (const [k, v] of Object.entries(c.kindValues ?? {})) if (v !== 'part' && v !== 'event') throw new MappingError(file, `fields.category.kindValues.${k} "${v}" is not part or event.`);
  checkValues(file, 'fields.source', m.fields.source, CASE_SOURCES, 'a case source');
  checkValues(file, 'fields.stage', m.fields.stage, CASE_STAGES, 'a case stage');
  checkValues(file, 'crs', m.crs, CRS_NAMES, 'a CRS');
  try {
    checkTimeZone(m.timeZone);
    dateFormats(m.dateFormats, m.timeZone);
  } catch (err) {
    if (err instanceof DateFormatError || err instanceof RangeError) throw new MappingError(file, `${err instanceof RangeError ? 'timeZone' : 'dateFormats'}: ${err.message}`);
    throw err;
  }
}

/** Checks a parsed mapping document; `file` names it in messages. */
export function parseMapping(doc: unknown, file: string): Mapping {
  const expanded = expand(doc);
  if (!Value.Check(Mapping, expanded)) throw new MappingError(file, describe(Value.Errors(Mapping, expanded) as unknown as SchemaError[]));
  checkMeaning(file, expanded);
  return expanded;
}

/** Every column a mapping reads, and whether the import needs it (required fields without a default). */
export function mappingColumns(m: Mapping): Array<{ column: string; field: string; required: boolean }> {
  const out: Array<{ column: string; field: string; required: boolean }> = [];
  const REQUIRED = new Set(['caseNo', 'source', 'category', 'description', 'lon', 'lat', 'reportedAt']);
  const add = (field: string, spec: { column?: string; columns?: string[]; default?: string } | undefined) => {
    if (!spec) return;
    const required = REQUIRED.has(field) && spec.default === undefined;
    for (const column of spec.columns ?? (spec.column ? [spec.column] : [])) out.push({ column, field, required });
  };
  for (const [field, spec] of Object.entries(m.fields)) {
    if (field !== 'category') add(field, spec as FieldSpec | undefined);
  }
  const c = m.fields.category;
  for (const col of [c.column, c.kindColumn, c.codeColumn]) if (col) out.push({ column: col, field: 'category', required: c.default === undefined });
  if (c.nameColumn) out.push({ column: c.nameColumn, field: 'category', required: false });
  add('crs', m.crs);
  return out;
}
