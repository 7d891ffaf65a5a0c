import { checkTimeZone, zonedInstant } from '../../../app/case/zoned-time';

/**
 * Date-time formats as exports write them (`yyyy-MM-dd HH:mm:ss`, `MM/dd/yyyy hh:mm:ss a`,
 * `yyyy-MM-dd'T'HH:mm:ss.SSS`), compiled once into an anchored regex, read in a time zone. Hand-rolled
 * rather than a library: an import parses seven dates a row, a hundred thousand rows a second, and needs
 * only these tokens. Letters: yyyy MM M dd d HH H hh h mm ss S… (fraction) a (AM/PM); 'text' is literal.
 */

interface Part {
  field: 'y' | 'M' | 'd' | 'H' | 'h' | 'm' | 's' | 'S' | 'a';
  /** Capture group pattern. */
  re: string;
}

const TOKENS: ReadonlyArray<readonly [string, Part]> = [
  ['yyyy', { field: 'y', re: '(\\d{4})' }],
  ['MM', { field: 'M', re: '(\\d{2})' }],
  ['M', { field: 'M', re: '(\\d{1,2})' }],
  ['dd', { field: 'd', re: '(\\d{2})' }],
  ['d', { field: 'd', re: '(\\d{1,2})' }],
  ['HH', { field: 'H', re: '(\\d{2})' }],
  ['H', { field: 'H', re: '(\\d{1,2})' }],
  ['hh', { field: 'h', re: '(\\d{2})' }],
  ['h', { field: 'h', re: '(\\d{1,2})' }],
  ['mm', { field: 'm', re: '(\\d{2})' }],
  ['ss', { field: 's', re: '(\\d{2})' }],
  ['a', { field: 'a', re: '([AaPp][Mm])' }],
];

/** How the XLSX reader writes a date cell: the wall-clock time Excel shows, read in the mapping's zone. */
export const XLSX_DATE_FORMAT = "yyyy-MM-dd'T'HH:mm:ss.SSS";

export class DateFormatError extends Error {
  override name = 'DateFormatError';
}

/** A compiled format: text in, ms since the epoch out (undefined: the text does not match). */
export interface DateFormat {
  readonly text: string;
  parse(value: string): number | undefined;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

function compile(format: string): { re: RegExp; parts: Part[] } {
  let re = '^';
  const parts: Part[] = [];
  let i = 0;
  while (i < format.length) {
    const ch = format[i] as string;
    if (ch === "'") {
      const end = format.indexOf("'", i + 1);
      if (end < 0) throw new DateFormatError(`date format "${format}": a quote (') opened at ${i + 1} is never closed.`);
      re += escape(format.slice(i + 1, end));
      i = end + 1;
      continue;
    }
    if (ch === 'S') {
      let n = 0;
      while (format[i + n] === 'S') n++;
      parts.push({ field: 'S', re: `(\\d{${n}})` });
      re += `(\\d{${n}})`;
      i += n;
      continue;
    }
    const token = TOKENS.find(([t]) => format.startsWith(t, i));
    if (token) {
      parts.push(token[1]);
      re += token[1].re;
      i += token[0].length;
      continue;
    }
    if (/[A-Za-z]/.test(ch)) throw new DateFormatError(`date format "${format}": "${ch}" is not a date letter (use yyyy MM dd HH hh mm ss SSS a; quote literal text, e.g. 'T').`);
    re += escape(ch);
    i++;
  }
  const fields = new Set(parts.map((p) => p.field));
  for (const f of ['y', 'M', 'd'] as const) if (!fields.has(f)) throw new DateFormatError(`date format "${format}" has no ${f === 'y' ? 'year (yyyy)' : f === 'M' ? 'month (MM)' : 'day (dd)'}.`);
  if (fields.has('h') !== fields.has('a')) throw new DateFormatError(`date format "${format}": a 12-hour clock (hh) needs AM/PM (a), and a needs hh.`);
  if (fields.has('H') && fields.has('h')) throw new DateFormatError(`date format "${format}" has both HH and hh.`);
  return { re: new RegExp(`${re}$`), parts };
}

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * The instant a zone's clock shows a local time. Offsets only change on the hour in the zones that
 * matter here, so each zone's offset is kept per local hour: one Intl lookup an hour of data, not a row.
 */
class ZoneClock {
  private readonly offsets = new Map<number, number>();
  constructor(private readonly timeZone: string) {}

  instant(localMs: number): number {
    const hour = Math.floor(localMs / 3_600_000);
    let offset = this.offsets.get(hour);
    if (offset === undefined) {
      const start = hour * 3_600_000;
      const date = new Date(start).toISOString().slice(0, 10);
      offset = start - zonedInstant(date, (start - Date.parse(date)) / 60_000, this.timeZone);
      if (this.offsets.size > 100_000) this.offsets.clear();
      this.offsets.set(hour, offset);
    }
    return localMs - offset;
  }
}

/** Compiles `format` for times in `timeZone`; throws a DateFormatError naming what is wrong with it. */
export function dateFormat(format: string, timeZone: string, clock = new ZoneClock(timeZone)): DateFormat {
  const { re, parts } = compile(format);
  return {
    text: format,
    parse(value: string): number | undefined {
      const m = re.exec(value);
      if (!m) return undefined;
      let y = 0;
      let mo = 0;
      let d = 0;
      let hh = 0;
      let mi = 0;
      let ss = 0;
      let ms = 0;
      let pm: boolean | undefined;
      for (let i = 0; i < parts.length; i++) {
        const v = m[i + 1] as string;
        switch ((parts[i] as Part).field) {
          case 'y':
            y = Number(v);
            break;
          case 'M':
            mo = Number(v);
            break;
          case 'd':
            d = Number(v);
            break;
          case 'H':
          case 'h':
            hh = Number(v);
            break;
          case 'm':
            mi = Number(v);
            break;
          case 's':
            ss = Number(v);
            break;
          case 'S':
            ms = Math.round(Number(`0.${v}`) * 1000);
            break;
          case 'a':
            pm = v.toLowerCase() === 'pm';
            break;
        }
      }
      if (pm !== undefined) {
        if (hh < 1 || hh > 12) return undefined;
        hh = (hh % 12) + (pm ? 12 : 0);
      }
      if (mo < 1 || mo > 12 || d < 1 || d > (DAYS[mo - 1] as number) || hh > 23 || mi > 59 || ss > 59) return undefined;
      if (mo === 2 && d === 29 && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))) return undefined;
      return clock.instant(Date.UTC(y, mo - 1, d, hh, mi, ss, ms));
    },
  };
}

/** A field's formats, tried in order, sharing one zone clock. */
export function dateFormats(formats: readonly string[], timeZone: string): DateFormat[] {
  checkTimeZone(timeZone);
  const clock = new ZoneClock(timeZone);
  return formats.map((f) => dateFormat(f, timeZone, clock));
}

/** Parses with the first format that matches; undefined when none does. */
export function parseDate(value: string, formats: readonly DateFormat[]): number | undefined {
  for (const f of formats) {
    const t = f.parse(value);
    if (t !== undefined) return t;
  }
  return undefined;
}
