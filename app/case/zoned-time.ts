/**
 * Civil dates and clock times in the hall's time zone, through Intl (never a hand-added UTC offset), so the
 * case clock is right in any zone and across daylight-saving changes. Dates are `YYYY-MM-DD` keys.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Throws a one-sentence error when the zone is not an IANA time zone Intl knows. */
export function checkTimeZone(timeZone: string): void {
  try {
    formatter(timeZone);
  } catch {
    throw new RangeError(`"${timeZone}" is not a time zone this runtime knows: give an IANA name such as Asia/Shanghai.`);
  }
}

export interface CivilTime {
  /** YYYY-MM-DD in the zone. */
  date: string;
  /** Minutes since the zone's midnight (fractional: seconds and ms included). */
  minutes: number;
}

function civilByIntl(t: number, timeZone: string): CivilTime {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(t)) parts[p.type] = p.value;
  const ms = ((t % 1000) + 1000) % 1000;
  const minutes = Number(parts.hour) * 60 + Number(parts.minute) + (Number(parts.second) * 1000 + ms) / 60_000;
  return { date: `${parts.year}-${parts.month}-${parts.day}`, minutes };
}

/**
 * Zone offsets by quarter hour (every zone's offset changes only on quarter-hour boundaries): Intl is asked
 * once per quarter hour and zone, then the civil time is plain arithmetic. Deadlines walk many days per case,
 * and formatToParts made imports ~8× slower without this.
 */
const QUARTER = 900_000;
const offsets = new Map<string, number>();

function offsetOfQuarter(q: number, timeZone: string): number {
  const key = `${timeZone}|${q}`;
  let off = offsets.get(key);
  if (off === undefined) {
    const start = q * QUARTER;
    const c = civilByIntl(start, timeZone);
    off = dateUtc(c.date) + Math.round(c.minutes * 60_000) - start;
    if (offsets.size > 200_000) offsets.clear();
    offsets.set(key, off);
  }
  return off;
}

/** The calendar date and clock time an instant shows in a zone. */
export function civilTime(t: number, timeZone: string): CivilTime {
  if (!Number.isFinite(t)) return civilByIntl(t, timeZone);
  const local = t + offsetOfQuarter(Math.floor(t / QUARTER), timeZone);
  const day = Math.floor(local / 86_400_000);
  return { date: new Date(day * 86_400_000).toISOString().slice(0, 10), minutes: (local - day * 86_400_000) / 60_000 };
}

/** How far the zone's clock is ahead of UTC at an instant, in ms. */
function offsetAt(t: number, timeZone: string): number {
  const { date, minutes } = civilTime(t, timeZone);
  return dateUtc(date) + Math.round(minutes * 60_000) - t;
}

/** Midnight UTC of a civil date: for date arithmetic only, never an instant in the hall. */
function dateUtc(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

/**
 * The instant a zone's clock shows `minutes` past midnight on `date`. A clock time that a daylight-saving
 * change skips or repeats resolves to an instant within an hour of it (working hours never sit there).
 */
export function zonedInstant(date: string, minutes: number, timeZone: string): number {
  const local = dateUtc(date) + minutes * 60_000;
  let t = local - offsetAt(local, timeZone);
  // Two refinements settle on the offset in force at the answer itself.
  for (let i = 0; i < 2; i++) {
    const next = local - offsetAt(t, timeZone);
    if (next === t) break;
    t = next;
  }
  return t;
}

/** The next civil date. */
export function nextDate(date: string): string {
  return new Date(dateUtc(date) + 86_400_000).toISOString().slice(0, 10);
}

/** ISO weekday of a civil date: 1 Monday … 7 Sunday. */
export function isoWeekday(date: string): number {
  return new Date(dateUtc(date)).getUTCDay() || 7;
}

/** Whether a string is a real civil date `YYYY-MM-DD` (not 2026-02-30). */
export function isCivilDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  return new Date(dateUtc(text)).toISOString().slice(0, 10) === text;
}
