import { CaseDataError, readCsvTable, type CsvRow } from './csv-table';
import { isCivilDate, isoWeekday, nextDate, zonedInstant } from './zoned-time';

/**
 * The working calendar working-time limits run on (工作时/工作日): the working hours of a working day, the
 * weekly rest days, and each year's public holidays and make-up working days (调休上班) as the State
 * Council announces them. Dates are civil dates in the hall's time zone.
 */
export interface WorkCalendar {
  /** The files it was read from, for messages. */
  files: readonly string[];
  /** Working periods of a working day, minutes since midnight, in order: [from, to). */
  periods: ReadonlyArray<{ from: number; to: number }>;
  /** Length of one working day in ms: what `1wd` means. */
  dayMs: number;
  /** ISO weekdays off (6 Saturday, 7 Sunday). */
  weekend: ReadonlySet<number>;
  /** Holidays (YYYY-MM-DD → name), taking precedence over the weekday. */
  holidays: ReadonlyMap<string, string>;
  /** Make-up working days on what would be a rest day (YYYY-MM-DD → name). */
  workdays: ReadonlyMap<string, string>;
  /** Years whose holidays are listed: outside them only weekends are off. */
  years: ReadonlySet<number>;
}

export const CALENDAR_COLUMNS = ['kind', 'from', 'to', 'name'] as const;

const WEEKDAYS: ReadonlyArray<readonly string[]> = [
  ['mon', 'monday', '周一', '星期一'],
  ['tue', 'tuesday', '周二', '星期二'],
  ['wed', 'wednesday', '周三', '星期三'],
  ['thu', 'thursday', '周四', '星期四'],
  ['fri', 'friday', '周五', '星期五'],
  ['sat', 'saturday', '周六', '星期六'],
  ['sun', 'sunday', '周日', '星期日', '周天', '星期天'],
];

function clockMinutes(text: string): number | undefined {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && min > 0)) return undefined;
  return h * 60 + min;
}

/** The dates a holiday/workday row covers (from … to, inclusive). */
function rowDates(row: CsvRow, file: string): string[] {
  const from = row.cells.from ?? '';
  const last = row.cells.to || from;
  if (!isCivilDate(from)) throw new CaseDataError(file, row.line, `"${from}" is not a date: write YYYY-MM-DD, e.g. 2026-10-01.`);
  if (!isCivilDate(last)) throw new CaseDataError(file, row.line, `"${last}" is not a date: write YYYY-MM-DD, or leave "to" empty for one day.`);
  if (last < from) throw new CaseDataError(file, row.line, `ends (${last}) before it starts (${from}).`);
  const dates: string[] = [];
  for (let d = from; d <= last; d = nextDate(d)) {
    dates.push(d);
    if (dates.length > 31) throw new CaseDataError(file, row.line, `runs ${from} … ${last}, more than 31 days: check the dates.`);
  }
  return dates;
}

function readHours(row: CsvRow, file: string, periods: Array<{ from: number; to: number; line: number }>): void {
  const from = clockMinutes(row.cells.from ?? '');
  const to = clockMinutes(row.cells.to ?? '');
  if (from === undefined || to === undefined) {
    throw new CaseDataError(file, row.line, `working hours need "from" and "to" as HH:MM, e.g. hours,08:30,12:00 (got "${row.cells.from}", "${row.cells.to}").`);
  }
  if (to <= from) throw new CaseDataError(file, row.line, `working hours end (${row.cells.to}) before they start (${row.cells.from}).`);
  const clash = periods.find((p) => from < p.to && p.from < to);
  if (clash) throw new CaseDataError(file, row.line, `working hours ${row.cells.from}–${row.cells.to} overlap those on line ${clash.line}.`);
  periods.push({ from, to, line: row.line });
}

function readWeekend(row: CsvRow, file: string, weekend: Set<number>): void {
  const text = (row.cells.from ?? '').toLowerCase();
  const day = WEEKDAYS.findIndex((names) => names.includes(text)) + 1;
  if (day === 0) throw new CaseDataError(file, row.line, `"${row.cells.from}" is not a weekday: write Mon … Sun (or 周一 … 周日).`);
  if (weekend.has(day)) throw new CaseDataError(file, row.line, `${row.cells.from} is already a weekend day.`);
  weekend.add(day);
}

/**
 * Reads a calendar file: rows `hours,08:30,12:00`, `weekend,Sat`, `holiday,2026-10-01,2026-10-07,国庆节`,
 * `workday,2026-10-10,,国庆节调休上班`; # starts a comment. Bad data throws a CaseDataError naming the line.
 */
export function parseCalendar(text: string, fileName: string): WorkCalendar {
  const rows = readCsvTable(text, fileName, CALENDAR_COLUMNS, ['kind', 'from']);
  const periods: Array<{ from: number; to: number; line: number }> = [];
  const weekend = new Set<number>();
  const holidays = new Map<string, string>();
  const workdays = new Map<string, string>();
  const lineOf = new Map<string, number>();
  for (const row of rows) {
    const kind = (row.cells.kind ?? '').toLowerCase();
    if (kind === 'hours') readHours(row, fileName, periods);
    else if (kind === 'weekend') readWeekend(row, fileName, weekend);
    else if (kind === 'holiday' || kind === 'workday') {
      const name = row.cells.name || (kind === 'holiday' ? '节假日' : '调休上班');
      for (const d of rowDates(row, fileName)) {
        const seen = lineOf.get(d);
        if (seen !== undefined) throw new CaseDataError(fileName, row.line, `${d} is already listed on line ${seen}.`);
        lineOf.set(d, row.line);
        (kind === 'holiday' ? holidays : workdays).set(d, name);
      }
    } else throw new CaseDataError(fileName, row.line, `unknown kind "${row.cells.kind}": write hours, weekend, holiday or workday.`);
  }
  if (periods.length === 0) throw new CaseDataError(fileName, undefined, 'lists no working hours: add rows such as hours,08:30,12:00 and hours,13:30,17:30.');
  if (weekend.size === 7) throw new CaseDataError(fileName, undefined, 'makes every weekday a weekend day, so no time would ever be working time.');
  for (const [d] of workdays) {
    if (!weekend.has(isoWeekday(d))) throw new CaseDataError(fileName, lineOf.get(d), `${d} is a workday row, but it is a working weekday anyway: remove the row (or fix the date).`);
  }
  periods.sort((a, b) => a.from - b.from);
  return {
    files: [fileName],
    periods: periods.map(({ from, to }) => ({ from, to })),
    dayMs: periods.reduce((ms, p) => ms + (p.to - p.from) * 60_000, 0),
    weekend,
    holidays,
    workdays,
    years: new Set([...holidays.keys(), ...workdays.keys()].map((d) => Number(d.slice(0, 4)))),
  };
}

/** Several years' files as one calendar: they must agree on hours and weekends and not repeat a year. */
export function mergeCalendars(calendars: readonly WorkCalendar[]): WorkCalendar {
  const [first, ...rest] = calendars;
  if (!first) throw new RangeError('mergeCalendars needs at least one calendar.');
  const holidays = new Map(first.holidays);
  const workdays = new Map(first.workdays);
  const years = new Set(first.years);
  for (const c of rest) {
    const file = c.files.join(', ');
    if (JSON.stringify(c.periods) !== JSON.stringify(first.periods)) {
      throw new CaseDataError(file, undefined, `its working hours differ from ${first.files[0]}'s: every calendar file must list the same hours.`);
    }
    if ([...c.weekend].sort().join() !== [...first.weekend].sort().join()) {
      throw new CaseDataError(file, undefined, `its weekend days differ from ${first.files[0]}'s: every calendar file must list the same ones.`);
    }
    for (const y of c.years) {
      if (years.has(y)) throw new CaseDataError(file, undefined, `lists holidays of ${y}, which another calendar file already lists: keep one file per year.`);
    }
    for (const [d, n] of c.holidays) holidays.set(d, n);
    for (const [d, n] of c.workdays) workdays.set(d, n);
    for (const y of c.years) years.add(y);
  }
  return { ...first, files: calendars.flatMap((c) => c.files), holidays, workdays, years };
}

/** Whether a civil date is a working day: make-up days work, holidays and weekends rest. */
export function isWorkingDay(calendar: WorkCalendar, date: string): boolean {
  if (calendar.workdays.has(date)) return true;
  if (calendar.holidays.has(date)) return false;
  return !calendar.weekend.has(isoWeekday(date));
}

/** Whether the calendar lists the holidays of a date's year (outside them only weekends are off). */
export function coversDate(calendar: WorkCalendar, date: string): boolean {
  return calendar.years.has(Number(date.slice(0, 4)));
}

/** The working periods of a civil date as instants [start, end) in the zone; none on a rest day. */
export function workingPeriods(calendar: WorkCalendar, date: string, timeZone: string): Array<[number, number]> {
  // Memoised per calendar: deadlines walk the same days again and again (an import asks millions of times).
  let memo = periodMemo.get(calendar);
  if (!memo) periodMemo.set(calendar, (memo = new Map()));
  const key = `${timeZone}|${date}`;
  let periods = memo.get(key);
  if (!periods) {
    periods = isWorkingDay(calendar, date) ? calendar.periods.map((p) => [zonedInstant(date, p.from, timeZone), zonedInstant(date, p.to, timeZone)] as [number, number]) : [];
    if (memo.size > 50_000) memo.clear();
    memo.set(key, periods);
  }
  return periods.map(([a, b]) => [a, b]);
}

const periodMemo = new WeakMap<WorkCalendar, Map<string, Array<[number, number]>>>();
