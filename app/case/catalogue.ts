import type { LocalizedText } from '../city/city';
import { CLOCK_PHASES, type ClockPhase } from './case-stage';
import { CaseDataError, readCsvTable, type CsvRow } from './csv-table';
import { isWorkingLimit, LIMIT_SYNTAX, parseTimeLimit, type TimeLimit } from './time-limit';

/**
 * The component/event catalogue with its 立案、处置与结案标准 (docs/domain.md, "Components and events" and "Cases"): one row per small class, as a
 * city keeps it in a CSV file. Component and event codes overlap, so a class is known by `kind.code`
 * (`event.0101` 私搭乱建, `part.0101` 上水井盖), as in app/catalogue/categories.ts.
 */
export type ClassKind = 'part' | 'event';

export interface CatalogueClass {
  /** `part.0101`, `event.0102`. */
  key: string;
  kind: ClassKind;
  /** Small-class code: major (2 digits) + minor (2, or 3 in GB/T 47678). */
  code: string;
  major: { code: string; name: LocalizedText };
  name: LocalizedText;
  /** 紧急: its limits run in natural time. */
  urgent: boolean;
  /** The limit of each clock; absent: that stage is not timed for this class. */
  limits: Readonly<Partial<Record<ClockPhase, TimeLimit>>>;
  conditions: { file: string; handle: string; close: string };
  /** The responsible department (责任单位) dispatchers route it to by default. */
  department: string;
  /** Where it is written, for messages. */
  line: number;
}

export interface Catalogue {
  file: string;
  classes: readonly CatalogueClass[];
  byKey: ReadonlyMap<string, CatalogueClass>;
}

const LIMIT_COLUMNS: Readonly<Record<ClockPhase, string>> = {
  verify: 'verify_limit',
  file: 'file_limit',
  dispatch: 'dispatch_limit',
  handle: 'handle_limit',
  check: 'check_limit',
  close: 'close_limit',
};

export const CATALOGUE_COLUMNS = [
  'kind',
  'major',
  'major_zh',
  'major_en',
  'code',
  'name_zh',
  'name_en',
  'urgent',
  ...CLOCK_PHASES.map((p) => LIMIT_COLUMNS[p]),
  'file_condition',
  'handle_condition',
  'close_condition',
  'department',
] as const;

const REQUIRED = ['kind', 'major', 'major_zh', 'code', 'name_zh', 'urgent', 'handle_limit'];

const KINDS: Readonly<Record<string, ClassKind>> = { part: 'part', event: 'event', 部件: 'part', 事件: 'event' };
const YES = new Set(['yes', 'y', 'true', '1', '是']);
const NO = new Set(['no', 'n', 'false', '0', '否', '']);

function classOf(row: CsvRow, file: string): CatalogueClass {
  const c = (col: string) => row.cells[col] ?? '';
  const fail = (detail: string): never => {
    throw new CaseDataError(file, row.line, detail);
  };
  const kind = KINDS[c('kind').toLowerCase()] ?? fail(`unknown kind "${c('kind')}": write part (部件) or event (事件).`);
  const major = c('major');
  if (!/^\d{2}$/.test(major)) fail(`major class "${major}" is not 2 digits (e.g. 01).`);
  const code = c('code');
  if (!/^\d{4,5}$/.test(code)) fail(`small-class code "${code}" is not 4 digits (major + minor, e.g. 0102).`);
  if (!code.startsWith(major)) fail(`small-class code ${code} does not start with its major class ${major}.`);
  if (!c('name_zh')) fail(`${kind}.${code} has no name: fill in name_zh.`);
  if (!c('major_zh')) fail(`${kind}.${code} has no major-class name: fill in major_zh.`);
  const urgentText = c('urgent').toLowerCase();
  if (!YES.has(urgentText) && !NO.has(urgentText)) fail(`urgent is "${c('urgent')}": write yes or no.`);
  const urgent = YES.has(urgentText);

  const limits: Partial<Record<ClockPhase, TimeLimit>> = {};
  for (const phase of CLOCK_PHASES) {
    const col = LIMIT_COLUMNS[phase];
    const text = c(col);
    if (!text || text === '-') {
      if (phase === 'handle') fail(`${kind}.${code} has no handle_limit: every class needs a handling time limit.`);
      continue;
    }
    const limit = parseTimeLimit(text) ?? fail(`${col} "${text}" is not a time limit: write ${LIMIT_SYNTAX}.`);
    if (urgent && isWorkingLimit(limit)) fail(`${kind}.${code} is urgent, so its ${col} runs in natural time: write e.g. 2h, not "${text}".`);
    limits[phase] = limit;
  }
  return {
    key: `${kind}.${code}`,
    kind,
    code,
    major: { code: major, name: { zh: c('major_zh'), en: c('major_en') || c('major_zh') } },
    name: { zh: c('name_zh'), en: c('name_en') || c('name_zh') },
    urgent,
    limits,
    conditions: { file: c('file_condition'), handle: c('handle_condition'), close: c('close_condition') },
    department: c('department'),
    line: row.line,
  };
}

/**
 * Reads and checks a catalogue file (columns: CATALOGUE_COLUMNS; # starts a comment). Bad data throws a
 * CaseDataError naming the file, the line and what to fix.
 */
export function parseCatalogue(text: string, fileName: string): Catalogue {
  const rows = readCsvTable(text, fileName, CATALOGUE_COLUMNS, REQUIRED);
  if (rows.length === 0) throw new CaseDataError(fileName, undefined, 'has a header but no classes.');
  const byKey = new Map<string, CatalogueClass>();
  const majors = new Map<string, CatalogueClass>();
  for (const row of rows) {
    const cls = classOf(row, fileName);
    const twin = byKey.get(cls.key);
    if (twin) throw new CaseDataError(fileName, row.line, `${cls.key} is already on line ${twin.line}: each small class appears once.`);
    const majorKey = `${cls.kind}.${cls.major.code}`;
    const first = majors.get(majorKey);
    if (first && first.major.name.zh !== cls.major.name.zh) {
      throw new CaseDataError(fileName, row.line, `major class ${majorKey} is "${cls.major.name.zh}" here but "${first.major.name.zh}" on line ${first.line}: use one name.`);
    }
    if (!first) majors.set(majorKey, cls);
    byKey.set(cls.key, cls);
  }
  return { file: fileName, classes: [...byKey.values()], byKey };
}

/** The class a case's category names, if the catalogue has it. */
export function catalogueClass(catalogue: Catalogue, key: string): CatalogueClass | undefined {
  return catalogue.byKey.get(key);
}
