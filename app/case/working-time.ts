import { isWorkingLimit, limitMs, type TimeLimit } from './time-limit';
import { workingPeriods, type WorkCalendar } from './work-calendar';
import { civilTime, nextDate } from './zoned-time';

/** Further than any limit reaches: a calendar with no working time left must not loop for ever. */
const MAX_DAYS = 3_700;

/** `ms` of working time after `start`: the instant it is used up (the end of a period when it ends there). */
export function addWorkingMs(start: number, ms: number, calendar: WorkCalendar, timeZone: string): number {
  if (ms <= 0) return start;
  let remaining = ms;
  let date = civilTime(start, timeZone).date;
  for (let i = 0; i < MAX_DAYS; i++, date = nextDate(date)) {
    for (const [a, b] of workingPeriods(calendar, date, timeZone)) {
      const from = Math.max(a, start);
      if (from >= b) continue;
      if (remaining <= b - from) return from + remaining;
      remaining -= b - from;
    }
  }
  throw new RangeError(`the working calendar (${calendar.files.join(', ')}) has no working time left within ${MAX_DAYS} days.`);
}

/** Working time between two instants, in ms (negative when `b` is before `a`). */
export function workingMsBetween(a: number, b: number, calendar: WorkCalendar, timeZone: string): number {
  if (b < a) return -workingMsBetween(b, a, calendar, timeZone);
  let total = 0;
  const lastDate = civilTime(b, timeZone).date;
  let date = civilTime(a, timeZone).date;
  for (let i = 0; i < MAX_DAYS && date <= lastDate; i++, date = nextDate(date)) {
    for (const [p, q] of workingPeriods(calendar, date, timeZone)) total += Math.max(0, Math.min(q, b) - Math.max(p, a));
  }
  return total;
}

/**
 * The deadline `limit` after `start`. Working-time limits skip nights, weekends and holidays and count
 * make-up working days; `1wd` is one working day's hours. E.g. Friday 16:00 + 5wh with 08:30–12:00 and
 * 13:30–17:30 is Monday 12:00 (1.5 h on Friday, 3.5 h on Monday morning).
 */
export function addWorkingTime(start: number, limit: TimeLimit, calendar: WorkCalendar, timeZone: string): number {
  return addMeasured(start, limitMs(limit, calendar.dayMs), limit, calendar, timeZone);
}

/** `ms` in the limit's own measure after `start` (working ms for working-time limits, else natural ms). */
export function addMeasured(start: number, ms: number, limit: TimeLimit, calendar: WorkCalendar, timeZone: string): number {
  return isWorkingLimit(limit) ? addWorkingMs(start, ms, calendar, timeZone) : start + ms;
}

/** Time between two instants in the limit's own measure. */
export function measuredBetween(a: number, b: number, limit: TimeLimit, calendar: WorkCalendar, timeZone: string): number {
  return isWorkingLimit(limit) ? workingMsBetween(a, b, calendar, timeZone) : b - a;
}
