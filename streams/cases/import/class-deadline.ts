import { isWorkingLimit, limitMs, type TimeLimit } from '../../../app/case/time-limit';
import { workingPeriods, type WorkCalendar } from '../../../app/case/work-calendar';
import { civilTime, nextDate } from '../../../app/case/zoned-time';

/** Further than any limit reaches (as in app/case/working-time.ts). */
const MAX_DAYS = 3_700;
const DAY = 86_400_000;
const BLOCK = 900_000;

/**
 * A class's handling deadline for a dispatch, as app/case/working-time.ts `addWorkingTime` gives it, for
 * a hundred thousand rows: the same walk over the same working periods (work-calendar's), but each date's
 * periods and each quarter hour's zone offset are asked for once, not per row (Intl is the slow part).
 * Offsets are multiples of 15 minutes and change on quarter hours of UTC in every zone in use.
 */
export class ClassDeadlines {
  private readonly days = new Map<string, Array<[number, number]>>();
  private readonly offsets = new Map<number, number>();

  constructor(
    private readonly calendar: WorkCalendar,
    private readonly timeZone: string,
  ) {}

  private periods(date: string): Array<[number, number]> {
    let p = this.days.get(date);
    if (!p) {
      p = workingPeriods(this.calendar, date, this.timeZone);
      this.days.set(date, p);
    }
    return p;
  }

  /** The civil date an instant falls on in the zone. */
  private dateOf(t: number): string {
    const block = Math.floor(t / BLOCK);
    let off = this.offsets.get(block);
    if (off === undefined) {
      const t0 = block * BLOCK;
      const c = civilTime(t0, this.timeZone);
      off = Date.parse(`${c.date}T00:00:00Z`) + Math.round(c.minutes * 60_000) - t0;
      this.offsets.set(block, off);
    }
    return new Date(Math.floor((t + off) / DAY) * DAY).toISOString().slice(0, 10);
  }

  deadline(start: number, limit: TimeLimit): number {
    const ms = limitMs(limit, this.calendar.dayMs);
    if (!isWorkingLimit(limit)) return start + ms;
    if (ms <= 0) return start;
    let remaining = ms;
    let date = this.dateOf(start);
    for (let i = 0; i < MAX_DAYS; i++, date = nextDate(date)) {
      for (const [a, b] of this.periods(date)) {
        const from = Math.max(a, start);
        if (from >= b) continue;
        if (remaining <= b - from) return from + remaining;
        remaining -= b - from;
      }
    }
    throw new RangeError(`the working calendar (${this.calendar.files.join(', ')}) has no working time left within ${MAX_DAYS} days.`);
  }
}
