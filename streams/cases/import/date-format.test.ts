import { describe, expect, it } from 'vitest';
import { dateFormat, dateFormats, DateFormatError, parseDate } from './date-format';

describe('date formats', () => {
  it('reads 数字城管 times in Beijing time', () => {
    const f = dateFormat('yyyy-MM-dd HH:mm:ss', 'Asia/Shanghai');
    expect(f.parse('2026-03-16 09:10:05')).toBe(Date.parse('2026-03-16T09:10:05+08:00'));
    expect(f.parse('2026-03-16T09:10:05')).toBeUndefined();
    expect(f.parse('2026/03/16 09:10:05')).toBeUndefined();
    expect(f.parse('2026-03-16 09:10')).toBeUndefined();
  });

  it('reads both NYC formats in New York time, across daylight saving', () => {
    const iso = dateFormat("yyyy-MM-dd'T'HH:mm:ss.SSS", 'America/New_York');
    expect(iso.parse('2019-12-31T23:59:11.000')).toBe(Date.parse('2019-12-31T23:59:11-05:00'));
    expect(iso.parse('2024-04-16T03:03:15.250')).toBe(Date.parse('2024-04-16T03:03:15.250-04:00'));
    const us = dateFormat('MM/dd/yyyy hh:mm:ss a', 'America/New_York');
    expect(us.parse('06/26/2018 10:58:54 AM')).toBe(Date.parse('2018-06-26T10:58:54-04:00'));
    expect(us.parse('06/26/2018 12:50:01 PM')).toBe(Date.parse('2018-06-26T12:50:01-04:00'));
    expect(us.parse('01/02/2018 12:00:00 AM')).toBe(Date.parse('2018-01-02T00:00:00-05:00'));
    expect(us.parse('06/26/2018 13:50:01 PM')).toBeUndefined();
  });

  it('refuses dates that do not exist', () => {
    const f = dateFormat('yyyy-MM-dd HH:mm:ss', 'Asia/Shanghai');
    for (const bad of ['2026-02-29 00:00:00', '2026-04-31 00:00:00', '2026-13-01 00:00:00', '2026-01-01 24:00:00', '2026-01-01 10:60:00']) expect(f.parse(bad), bad).toBeUndefined();
    expect(f.parse('2024-02-29 00:00:00')).toBe(Date.parse('2024-02-29T00:00:00+08:00'));
  });

  it('tries formats in order', () => {
    const fs = dateFormats(['yyyy-MM-dd HH:mm:ss', 'yyyy/M/d H:mm'], 'Asia/Shanghai');
    expect(parseDate('2026/3/6 9:05', fs)).toBe(Date.parse('2026-03-06T09:05:00+08:00'));
    expect(parseDate('6 March 2026', fs)).toBeUndefined();
  });

  it('explains a format it cannot use', () => {
    expect(() => dateFormat('yyyy-MM-dd Thh:mm', 'UTC')).toThrow(DateFormatError);
    expect(() => dateFormat('yyyy-MM-dd HH:mm', 'UTC')).not.toThrow();
    expect(() => dateFormat('HH:mm', 'UTC')).toThrow(/no year/);
    expect(() => dateFormat('yyyy-MM-dd hh:mm', 'UTC')).toThrow(/AM\/PM/);
    expect(() => dateFormats(['yyyy-MM-dd'], 'Mars/Olympus')).toThrow(/not a time zone/);
  });
});
