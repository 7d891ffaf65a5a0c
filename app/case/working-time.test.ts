import { describe, expect, it } from 'vitest';
import { coversDate, isWorkingDay, parseCalendar } from './work-calendar';
import { addWorkingTime, workingMsBetween } from './working-time';
import { civilTime, zonedInstant } from './zoned-time';

// A hand-written calendar: 08:30–12:00 and 13:30–17:30 (7.5 h), weekends off, the 2026 Spring Festival
// (2-15 … 2-23 off, Saturdays 2-14 and 2-28 worked).
const CAL = parseCalendar(
  ['kind,from,to,name', 'hours,08:30,12:00', 'hours,13:30,17:30', 'weekend,Sat', 'weekend,Sun', 'holiday,2026-02-15,2026-02-23,春节', 'workday,2026-02-14', 'workday,2026-02-28'].join('\n'),
  'test-calendar.csv',
);
const TZ = 'Asia/Shanghai';
/** An instant written as Beijing time. */
const bj = (s: string) => Date.parse(`${s.replace(' ', 'T')}:00+08:00`);
const H = 3_600_000;

describe('the working calendar', () => {
  it('knows working days, rest days, holidays and make-up days', () => {
    expect(CAL.dayMs).toBe(7.5 * H);
    expect(isWorkingDay(CAL, '2026-03-13')).toBe(true); // Friday
    expect(isWorkingDay(CAL, '2026-03-14')).toBe(false); // Saturday
    expect(isWorkingDay(CAL, '2026-02-16')).toBe(false); // Monday in the Spring Festival
    expect(isWorkingDay(CAL, '2026-02-14')).toBe(true); // make-up Saturday
    expect(coversDate(CAL, '2026-06-01')).toBe(true);
    expect(coversDate(CAL, '2027-01-01')).toBe(false);
  });
});

describe('addWorkingTime', () => {
  it('skips the night and the weekend: Friday 16:00 + 5 working hours is Monday 12:00', () => {
    // Friday 16:00–17:30 uses 1.5 h; Monday 08:30–12:00 the other 3.5 h.
    expect(addWorkingTime(bj('2026-03-13 16:00'), { amount: 5, unit: 'wh' }, CAL, TZ)).toBe(bj('2026-03-16 12:00'));
  });

  it('ends at the end of a period, not after the lunch break', () => {
    expect(addWorkingTime(bj('2026-03-16 08:30'), { amount: 3.5, unit: 'wh' }, CAL, TZ)).toBe(bj('2026-03-16 12:00'));
    expect(addWorkingTime(bj('2026-03-16 12:30'), { amount: 30, unit: 'wmin' }, CAL, TZ)).toBe(bj('2026-03-16 14:00'));
  });

  it('counts one working day as one working day of hours (7.5 h)', () => {
    expect(addWorkingTime(bj('2026-03-17 20:00'), { amount: 1, unit: 'wd' }, CAL, TZ)).toBe(bj('2026-03-18 17:30'));
    expect(addWorkingTime(bj('2026-03-16 10:00'), { amount: 1, unit: 'wd' }, CAL, TZ)).toBe(bj('2026-03-17 10:00'));
    // 15 working days from Monday morning: three whole weeks.
    expect(addWorkingTime(bj('2026-03-16 08:30'), { amount: 15, unit: 'wd' }, CAL, TZ)).toBe(bj('2026-04-03 17:30'));
  });

  it('skips the Spring Festival week', () => {
    // Saturday 2-14 is worked: 1.5 h; 2-15 … 2-23 off; Tuesday 2-24 08:30 + 3.5 h.
    expect(addWorkingTime(bj('2026-02-14 16:00'), { amount: 5, unit: 'wh' }, CAL, TZ)).toBe(bj('2026-02-24 12:00'));
  });

  it('counts make-up Saturdays', () => {
    expect(addWorkingTime(bj('2026-02-27 16:00'), { amount: 5, unit: 'wh' }, CAL, TZ)).toBe(bj('2026-02-28 12:00'));
    // Friday 2-13 16:00 + 1 working day: 1.5 h Friday, 6 h on Saturday 2-14 (3.5 + 2.5).
    expect(addWorkingTime(bj('2026-02-13 16:00'), { amount: 1, unit: 'wd' }, CAL, TZ)).toBe(bj('2026-02-14 16:00'));
  });

  it('runs natural-time limits through nights and holidays', () => {
    expect(addWorkingTime(bj('2026-02-14 23:00'), { amount: 2, unit: 'h' }, CAL, TZ)).toBe(bj('2026-02-15 01:00'));
    expect(addWorkingTime(bj('2026-02-14 23:00'), { amount: 1, unit: 'd' }, CAL, TZ)).toBe(bj('2026-02-15 23:00'));
    expect(addWorkingTime(bj('2026-02-14 23:00'), { amount: 30, unit: 'min' }, CAL, TZ)).toBe(bj('2026-02-14 23:30'));
  });

  it('uses the hall time zone, daylight saving included', () => {
    // Berlin moves to summer time on Sunday 2026-03-29: Monday 12:00 is then 10:00 UTC, not 11:00.
    expect(addWorkingTime(Date.parse('2026-03-27T15:00:00Z'), { amount: 5, unit: 'wh' }, CAL, 'Europe/Berlin')).toBe(Date.parse('2026-03-30T10:00:00Z'));
  });
});

describe('workingMsBetween', () => {
  it('measures working time only, negative backwards', () => {
    expect(workingMsBetween(bj('2026-03-13 16:00'), bj('2026-03-16 12:00'), CAL, TZ)).toBe(5 * H);
    expect(workingMsBetween(bj('2026-03-16 12:00'), bj('2026-03-13 16:00'), CAL, TZ)).toBe(-5 * H);
    expect(workingMsBetween(bj('2026-03-16 12:05'), bj('2026-03-16 13:25'), CAL, TZ)).toBe(0);
    expect(workingMsBetween(bj('2026-02-14 08:00'), bj('2026-02-24 08:00'), CAL, TZ)).toBe(7.5 * H);
  });
});

describe('zoned time', () => {
  it('reads and writes clock times in a zone', () => {
    expect(civilTime(bj('2026-10-01 00:30'), TZ)).toEqual({ date: '2026-10-01', minutes: 30 });
    expect(zonedInstant('2026-10-01', 510, TZ)).toBe(bj('2026-10-01 08:30'));
    expect(zonedInstant('2026-07-01', 510, 'Europe/Berlin')).toBe(Date.parse('2026-07-01T06:30:00Z'));
    expect(zonedInstant('2026-01-05', 510, 'Europe/Berlin')).toBe(Date.parse('2026-01-05T07:30:00Z'));
  });
});
