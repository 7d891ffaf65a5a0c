import { describe, expect, it } from 'vitest';
import { CaseDataError } from './csv-table';
import { isWorkingDay, mergeCalendars, parseCalendar } from './work-calendar';

const BASE = ['# test calendar', 'kind,from,to,name', 'hours,08:30,12:00', 'hours,13:30,17:30', 'weekend,Sat', 'weekend,周日'];
/** Base rows then these: the first extra row is on line 7. */
const file = (...rows: string[]) => [...BASE, ...rows].join('\n');

function errorOf(text: string): CaseDataError {
  try {
    parseCalendar(text, 'calendar-2026.csv');
  } catch (err) {
    if (err instanceof CaseDataError) return err;
    throw err;
  }
  throw new Error('it parsed');
}

describe('parseCalendar', () => {
  it('reads hours, weekends, holiday ranges and make-up days', () => {
    const cal = parseCalendar(file('holiday,2026-10-01,2026-10-07,国庆节', 'workday,2026-10-10,,国庆节调休上班', 'holiday,2026-04-06'), 'c.csv');
    expect(cal.periods).toEqual([
      { from: 510, to: 720 },
      { from: 810, to: 1050 },
    ]);
    expect(cal.dayMs).toBe(7.5 * 3_600_000);
    expect([...cal.weekend].sort()).toEqual([6, 7]);
    expect(cal.holidays.size).toBe(8);
    expect(cal.holidays.get('2026-10-07')).toBe('国庆节');
    expect(cal.holidays.get('2026-04-06')).toBe('节假日');
    expect(isWorkingDay(cal, '2026-10-10')).toBe(true);
    expect(isWorkingDay(cal, '2026-10-08')).toBe(true);
    expect(isWorkingDay(cal, '2026-10-11')).toBe(false);
    expect([...cal.years]).toEqual([2026]);
  });

  it('names the file, the line and the fix for bad data', () => {
    const cases: Array<[string, RegExp]> = [
      [file('holiday,2026-02-30'), /^calendar-2026\.csv, line 7: "2026-02-30" is not a date: write YYYY-MM-DD/],
      [file('holiday,2026-10-07,2026-10-01'), /line 7: ends \(2026-10-01\) before it starts \(2026-10-07\)/],
      [file('holiday,2026-01-01,2026-03-01'), /line 7: runs 2026-01-01 … 2026-03-01, more than 31 days/],
      [file('holiday,2026-10-01,2026-10-07', 'workday,2026-10-03'), /line 8: 2026-10-03 is already listed on line 7/],
      [file('workday,2026-10-12'), /line 7: 2026-10-12 is a workday row, but it is a working weekday anyway/],
      [file('vacation,2026-10-01'), /line 7: unknown kind "vacation": write hours, weekend, holiday or workday/],
      [file('hours,17:30,18:00', 'hours,11:00,14:00'), /line 8: working hours 11:00–14:00 overlap those on line 3/],
      [file('hours,8.30,9:00'), /line 7: working hours need "from" and "to" as HH:MM/],
      [file('hours,19:00,18:00'), /line 7: working hours end \(18:00\) before they start \(19:00\)/],
      [file('weekend,Sunday'), /line 7: Sunday is already a weekend day/],
      [file('weekend,Funday'), /line 7: "Funday" is not a weekday: write Mon … Sun/],
      [['kind,from', 'weekend,Sat'].join('\n'), /^calendar-2026\.csv: lists no working hours/],
      [file('weekend,Mon', 'weekend,Tue', 'weekend,Wed', 'weekend,Thu', 'weekend,Fri'), /makes every weekday a weekend day/],
      [['kind,to,name', 'hours,,'].join('\n'), /line 1: the header lacks column from/],
    ];
    for (const [text, message] of cases) {
      const err = errorOf(text);
      expect(err.message, text.split('\n').at(-1)).toMatch(message);
      expect(err.name).toBe('CaseDataError');
    }
  });
});

describe('mergeCalendars', () => {
  const y2026 = parseCalendar(file('holiday,2026-10-01,2026-10-07'), 'calendar-2026.csv');
  const y2027 = parseCalendar(file('holiday,2027-01-01'), 'calendar-2027.csv');

  it('joins years that agree on hours and weekends', () => {
    const both = mergeCalendars([y2026, y2027]);
    expect(both.files).toEqual(['calendar-2026.csv', 'calendar-2027.csv']);
    expect([...both.years].sort()).toEqual([2026, 2027]);
    expect(isWorkingDay(both, '2027-01-01')).toBe(false);
    expect(isWorkingDay(both, '2026-10-02')).toBe(false);
  });

  it('refuses differing hours and a year listed twice', () => {
    const summer = parseCalendar(file('hours,17:30,18:00', 'holiday,2027-05-01'), 'calendar-2027b.csv');
    expect(() => mergeCalendars([y2026, summer])).toThrow(/^calendar-2027b\.csv: its working hours differ from calendar-2026\.csv's/);
    expect(() => mergeCalendars([y2026, y2026])).toThrow(/lists holidays of 2026, which another calendar file already lists/);
  });
});
