import { Compile } from 'typebox/compile';
import { CASE_SOURCES, DepartmentId, type CaseEvent, type CaseSource } from '../../../app/case/case';
import { CASE_STAGES, type CaseStage } from '../../../app/case/case-stage';
import type { Catalogue, CatalogueClass } from '../../../app/case/catalogue';
import { historyFromTimes, type HistoryField, type HistoryInput, type StageTimes } from '../../../app/case/history-from-times';
import type { WorkCalendar } from '../../../app/case/work-calendar';
import { toWgs84, type CrsName } from '../../../app/geo/crs';
import type { HistoricCase } from '../case-bulk';
import { categoryReader } from './category-reader';
import { ClassDeadlines } from './class-deadline';
import { dateFormats, parseDate, XLSX_DATE_FORMAT, type DateFormat } from './date-format';
import { codedValue, fieldReader, ValueMap, type FieldReader } from './field-readers';
import { mappingColumns, MappingError, type FieldName, type FieldSpec, type Mapping } from './mapping';
import type { PlaceResolver } from './place-resolver';

/** One row as a case with its history, or why it is a bad row. */
export type MappedRow = { ok: true; value: HistoricCase } | { ok: false; reason: string; caseNo?: string };

export interface MapperContext {
  catalogue: Catalogue;
  calendar: WorkCalendar;
  /** The hall's zone: class deadlines in working time are counted in it. */
  hallTimeZone: string;
  places: PlaceResolver;
  kind: 'csv' | 'xlsx';
  /** Names the mapping in messages. */
  mappingFile: string;
}

export interface RowMapper {
  map(cells: readonly string[]): MappedRow;
  /** Optional columns the mapping names that the file does not have: read as blank. */
  absentColumns: string[];
}

const CASE_NO = /^[A-Za-z0-9_-]{1,32}$/;
const REPORTER = /^[A-Za-z0-9_.:@-]{1,64}$/;
const CRS: readonly CrsName[] = ['wgs84', 'gcj02', 'bd09'];
const MAX_DESCRIPTION = 4000;
const MAX_ADDRESS = 200;
const TIME_FIELDS: ReadonlyArray<readonly [FieldName, keyof StageTimes]> = [
  ['reportedAt', 'reported'],
  ['filedAt', 'filed'],
  ['dispatchedAt', 'dispatched'],
  ['deadline', 'deadline'],
  ['handledAt', 'handled'],
  ['checkedAt', 'checked'],
  ['closedAt', 'closed'],
];
const checkDepartment = Compile(DepartmentId);

class BadRow extends Error {}
const bad = (reason: string): never => {
  throw new BadRow(reason);
};

const n0 = (n: number) => n.toLocaleString('en');

/** The department a case is with: its last dispatch, unless returned since. */
function dispatchedTo(events: readonly CaseEvent[]): string | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i] as CaseEvent;
    if (e.action === 'return') return undefined;
    if (e.action === 'dispatch') return e.department;
  }
  return undefined;
}

/** Compiles a mapping against a file's header; throws a MappingError when a column it needs is missing. */
export function compileRowMapper(mapping: Mapping, header: readonly string[], ctx: MapperContext): RowMapper {
  const columns = mappingColumns(mapping);
  const missing = columns.filter((c) => c.required && !header.some((h) => h.trim().toLowerCase() === c.column.toLowerCase()));
  if (missing.length) {
    throw new MappingError(ctx.mappingFile, `the file has no column ${missing.map((m) => `"${m.column}" (${m.field})`).join(', ')}; its columns are ${header.map((h) => `"${h}"`).join(', ')}.`);
  }
  const absentColumns = [...new Set(columns.filter((c) => !c.required && !header.some((h) => h.trim().toLowerCase() === c.column.toLowerCase())).map((c) => c.column))];

  const f = mapping.fields;
  const read = (name: FieldName, label: string) => fieldReader(header, f[name] as FieldSpec | undefined, label);
  const caseNo = read('caseNo', 'caseNo');
  const prefix = f.caseNo.prefix ?? '';
  const source = read('source', 'source');
  const sourceMap = new ValueMap(f.source.values);
  const category = categoryReader(header, f.category, ctx.catalogue);
  const description = read('description', 'description');
  const address = read('address', 'address');
  const lon = read('lon', 'lon');
  const lat = read('lat', 'lat');
  const crs = fieldReader(header, mapping.crs, 'crs');
  const crsMap = new ValueMap(mapping.crs?.values);
  const defaultCrs = mapping.crs?.default ?? 'wgs84';
  const grid = read('grid', 'grid');
  const community = read('community', 'community');
  const street = read('street', 'street');
  const department = read('department', 'department');
  const departmentMap = new ValueMap(f.department?.values);
  const stage = read('stage', 'stage');
  const stageMap = new ValueMap(f.stage?.values);
  const reporter = read('reporter', 'reporter');
  const formats: DateFormat[] = dateFormats(ctx.kind === 'xlsx' ? [...mapping.dateFormats, XLSX_DATE_FORMAT] : mapping.dateFormats, mapping.timeZone);
  const formatList = mapping.dateFormats.join(' or ');
  const times = TIME_FIELDS.filter(([name]) => f[name]).map(([name, key]) => ({ key, reader: read(name, name) }));
  const missingTimes = mapping.missingTimes ?? 'refuse';

  function time(r: FieldReader, cells: readonly string[]): number | undefined {
    const raw = r.text(cells);
    if (!raw) return undefined;
    return parseDate(raw, formats) ?? bad(`${r.label} "${raw}" is not a date-time in the format ${formatList}${ctx.kind === 'xlsx' ? ' (or an Excel date cell)' : ''}.`);
  }

  function number(r: FieldReader, cells: readonly string[], min: number, max: number): number {
    const raw = r.text(cells);
    if (!raw) bad(`${r.label} is blank: a case needs its position.`);
    const v = Number(raw);
    if (!Number.isFinite(v) || v < min || v > max) bad(`${r.label} "${raw}" is not a coordinate (${min} to ${max}).`);
    return v;
  }

  const deadlines = new ClassDeadlines(ctx.calendar, ctx.hallTimeZone);
  function classDeadline(cls: CatalogueClass): HistoryInput['classDeadline'] {
    const limit = cls.limits.handle;
    return limit ? (at) => deadlines.deadline(at, limit) : undefined;
  }

  function labels(cells: readonly string[]): HistoryInput['labels'] {
    const out: Partial<Record<HistoryField, string>> = {};
    for (const { key, reader } of times) {
      const raw = reader.text(cells);
      out[key as HistoryField] = raw ? `${reader.label} (${raw})` : reader.label;
    }
    out.stage = `${stage.label} "${stage.text(cells)}"`;
    out.department = department.label;
    return out;
  }

  function map(cells: readonly string[]): HistoricCase {
    const rawNo = caseNo.text(cells);
    if (!rawNo) bad(`${caseNo.label} is blank: every case needs its number.`);
    const no = prefix + rawNo;
    if (!CASE_NO.test(no)) bad(`${caseNo.label} "${rawNo}" is not a case number (letters, digits, - and _, at most 32).`);

    const src = codedValue<CaseSource>(source.text(cells), sourceMap, CASE_SOURCES, f.source.default as CaseSource | undefined);
    if (!src) bad(`${source.label} "${source.text(cells)}" is not mapped to a case source (add it to fields.source.values).`);
    const cat = category.read(cells);
    if (!cat.ok) return bad(cat.reason);
    const cls = cat.cls;

    const desc = description.text(cells) || cls.name.zh;
    if (desc.length > MAX_DESCRIPTION) bad(`${description.label} is ${n0(desc.length)} characters long: at most ${n0(MAX_DESCRIPTION)}.`);
    const addr = address.text(cells);
    if (addr.length > MAX_ADDRESS) bad(`${address.label} is ${n0(addr.length)} characters long: at most ${MAX_ADDRESS}.`);

    // GCJ-02, BD-09, WGS84 and their spellings (gcj02, BD09, WGS-84) are known without a map.
    const rawCrs = crs.text(cells);
    const crsName = rawCrs ? (crsMap.get(rawCrs) ?? rawCrs.toLowerCase().replace(/[-_\s]/g, '')) : defaultCrs;
    if (!CRS.includes(crsName as CrsName)) bad(`${crs.label} "${rawCrs}" is not a CRS GridWall knows (WGS84, GCJ-02, BD-09).`);
    const [x, y] = toWgs84(number(lon, cells, -180, 180), number(lat, cells, -90, 90), crsName as CrsName);
    const place = ctx.places.resolve(x, y, { grid: grid.text(cells), community: community.text(cells), street: street.text(cells) });

    const t: Partial<StageTimes> = {};
    for (const { key, reader } of times) {
      const v = time(reader, cells);
      if (v !== undefined) t[key] = v;
    }
    if (t.reported === undefined) return bad(`${times[0]?.reader.label ?? 'reportedAt'} is blank: every case has the time it was reported.`);

    const rawStage = stage.text(cells);
    const st = rawStage ? codedValue<CaseStage>(rawStage, stageMap, CASE_STAGES, f.stage?.default as CaseStage | undefined) : undefined;
    if (rawStage && !st) bad(`${stage.label} "${rawStage}" is not mapped to a stage (add it to fields.stage.values).`);
    const rawDept = department.text(cells);
    const dept = rawDept ? (departmentMap.get(rawDept) ?? rawDept) : f.department?.default || cls.department || undefined;
    if (dept && !checkDepartment.Check(dept)) bad(`${department.label} "${dept}" is not a department name (letters, digits, Chinese, _ . - ( ); at most 64).`);
    const who = reporter.text(cells);

    const input: HistoryInput = { times: t as StageTimes, source: src as CaseSource, missingTimes };
    if (dept) input.department = dept;
    if (st) input.stage = st;
    if (who && REPORTER.test(who)) input.reporter = who;
    if (t.deadline !== undefined) {
      const cd = classDeadline(cls);
      if (cd) input.classDeadline = cd;
    }
    let history = historyFromTimes(input);
    if (!history.ok) history = historyFromTimes({ ...input, labels: labels(cells) });
    if (!history.ok) return bad(history.reason);
    const events = history.events;
    const last = events.at(-1) as CaseEvent;

    const value: HistoricCase = {
      case: {
        caseNo: no,
        clientId: `import:${no}`,
        source: src as CaseSource,
        category: cls.key,
        lon: x,
        lat: y,
        description: desc,
        reportedAt: t.reported,
        photos: [],
        stage: last.stage,
        urgent: cls.urgent,
      },
      events,
      createdAt: t.reported,
    };
    const c = value.case;
    if (place.grid) c.grid = place.grid;
    if (place.community) c.community = place.community;
    if (place.street) c.street = place.street;
    if (place.outsideDistrict) c.outsideDistrict = true;
    if (addr) c.address = addr;
    const handler = dispatchedTo(events);
    if (handler) c.department = handler;
    return value;
  }

  return {
    absentColumns,
    map(cells) {
      try {
        return { ok: true, value: map(cells) };
      } catch (err) {
        if (!(err instanceof BadRow)) throw err;
        const no = caseNo.text(cells);
        return no ? { ok: false, reason: err.message, caseNo: prefix + no } : { ok: false, reason: err.message };
      }
    },
  };
}
