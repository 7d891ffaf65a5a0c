import { isWorkingLimit, limitMs, type TimeLimit } from '../../app/case/time-limit';
import { workingPeriods, type WorkCalendar } from '../../app/case/work-calendar';
import { addMeasured, measuredBetween } from '../../app/case/working-time';
import { civilTime, nextDate, zonedInstant } from '../../app/case/zoned-time';

const DAY = 86_400_000;

/**
 * The working calendar laid out once over a window of hall days, so the demo's history (tens of
 * thousands of cases, each timed several times) needs a binary search per step instead of Intl calls
 * per day crossed. Same answers as app/case/working-time.ts inside the window; outside it, that module.
 */
export class WorkClock {
  /** Working periods in time order, with the working ms before each (prefix sums). */
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly before: number[] = [];
  /** Hall midnights and their dates, for the time of day without Intl. */
  private readonly midnights: number[] = [];
  private readonly dates: string[] = [];
  private readonly midnightOf = new Map<string, number>();
  private readonly from: number;
  private readonly to: number;

  constructor(
    readonly calendar: WorkCalendar,
    readonly timeZone: string,
    from: number,
    to: number,
  ) {
    let date = civilTime(from - DAY, timeZone).date;
    const last = civilTime(to + DAY, timeZone).date;
    let sum = 0;
    for (; date <= last; date = nextDate(date)) {
      this.midnights.push(zonedInstant(date, 0, timeZone));
      this.dates.push(date);
      this.midnightOf.set(date, this.midnights.at(-1) as number);
      for (const [a, b] of workingPeriods(calendar, date, timeZone)) {
        this.starts.push(a);
        this.ends.push(b);
        this.before.push(sum);
        sum += b - a;
      }
    }
    this.from = this.midnights[1] ?? from;
    this.to = this.midnights.at(-1) ?? to;
  }

  private inside(t: number): boolean {
    return t >= this.from && t < this.to;
  }

  /** Index of the last element of `xs` that is <= t, or -1. */
  private static floor(xs: readonly number[], t: number): number {
    let lo = 0;
    let hi = xs.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((xs[mid] as number) <= t) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  /** Working ms from the window's start to t. */
  private workedBy(t: number): number {
    const i = WorkClock.floor(this.starts, t);
    if (i < 0) return 0;
    return (this.before[i] as number) + Math.min(t, this.ends[i] as number) - (this.starts[i] as number);
  }

  /** The instant `ms` of working time after `start` (the end of a period when it ends there). */
  addWorking(start: number, ms: number): number {
    if (ms <= 0) return start;
    if (!this.inside(start)) return addMeasured(start, ms, { amount: 1, unit: 'wmin' }, this.calendar, this.timeZone);
    const target = this.workedBy(start) + ms;
    // The first period whose end reaches the target.
    let lo = 0;
    let hi = this.starts.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const endSum = (this.before[mid] as number) + (this.ends[mid] as number) - (this.starts[mid] as number);
      if (endSum >= target) {
        found = mid;
        hi = mid - 1;
      } else lo = mid + 1;
    }
    if (found < 0) return addMeasured(start, ms, { amount: 1, unit: 'wmin' }, this.calendar, this.timeZone);
    return (this.starts[found] as number) + target - (this.before[found] as number);
  }

  /** Working ms between two instants (negative when b is before a). */
  workingBetween(a: number, b: number): number {
    if (!this.inside(a) || !this.inside(b)) return measuredBetween(a, b, { amount: 1, unit: 'wmin' }, this.calendar, this.timeZone);
    return this.workedBy(b) - this.workedBy(a);
  }

  /** The limit's allowance in its own measure (working ms for working-time limits). */
  allowance(limit: TimeLimit): number {
    return limitMs(limit, this.calendar.dayMs);
  }

  /** `ms` in the limit's own measure after `start`. */
  addMeasured(start: number, ms: number, limit: TimeLimit): number {
    return isWorkingLimit(limit) ? this.addWorking(start, ms) : start + ms;
  }

  /** Time between two instants in the limit's own measure. */
  measured(a: number, b: number, limit: TimeLimit): number {
    return isWorkingLimit(limit) ? this.workingBetween(a, b) : b - a;
  }

  /** The hall date (YYYY-MM-DD) and minutes since its midnight. */
  civil(t: number): { date: string; minutes: number } {
    const i = WorkClock.floor(this.midnights, t);
    if (i < 0 || i >= this.midnights.length - 1) return civilTime(t, this.timeZone);
    return { date: this.dates[i] as string, minutes: (t - (this.midnights[i] as number)) / 60_000 };
  }

  /** The instant a hall date shows `minutes` past midnight (DST-exact only outside the window). */
  at(date: string, minutes: number): number {
    const midnight = this.midnightOf.get(date);
    return midnight === undefined ? zonedInstant(date, minutes, this.timeZone) : midnight + minutes * 60_000;
  }

  /** The hall dates from `from`'s to `to`'s, inclusive. */
  datesBetween(from: number, to: number): string[] {
    const first = this.civil(from).date;
    const last = this.civil(to).date;
    const out: string[] = [];
    for (let d = first; d <= last; d = nextDate(d)) out.push(d);
    return out;
  }
}
