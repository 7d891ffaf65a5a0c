import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATEGORIES } from '../../app/catalogue/categories';
import { CaseDataError } from '../../app/case/csv-table';
import { isWorkingDay } from '../../app/case/work-calendar';
import { addWorkingTime } from '../../app/case/working-time';
import { loadCaseData, SHIPPED_CATALOGUE, type CaseData } from './case-data';

let shipped: CaseData;
let dir: string;
beforeAll(async () => {
  shipped = await loadCaseData();
  dir = await mkdtemp(path.join(tmpdir(), 'gridwall-cases-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the shipped catalogue', () => {
  it('holds every class app/catalogue/categories.ts names, under the same key and name', () => {
    for (const c of CATEGORIES) {
      const cls = shipped.catalogue.byKey.get(c.code);
      expect(cls, c.code).toBeDefined();
      expect(cls?.kind).toBe(c.kind);
      expect(cls?.name.zh).toBe(c.name.zh);
    }
  });

  it('covers the common CJ/T 214 classes with the limits of the sources', () => {
    const { byKey, classes } = shipped.catalogue;
    expect(classes.length).toBeGreaterThanOrEqual(60);
    expect(new Set(classes.filter((c) => c.kind === 'part').map((c) => c.major.code))).toEqual(new Set(['01', '02', '03', '04', '05']));
    expect(new Set(classes.filter((c) => c.kind === 'event').map((c) => c.major.code))).toEqual(new Set(['01', '02', '03', '04', '05']));
    expect(byKey.get('event.0102')?.limits.handle).toEqual({ amount: 1, unit: 'wd' }); // 暴露垃圾
    expect(byKey.get('event.0104')?.limits.handle).toEqual({ amount: 5, unit: 'wh' }); // 道路不洁
    expect(byKey.get('event.0101')?.limits.handle).toEqual({ amount: 15, unit: 'wd' }); // 私搭乱建
    expect(byKey.get('event.0103')?.limits.handle).toEqual({ amount: 4, unit: 'wd' }); // 积存垃圾渣土
    expect(byKey.get('part.0102')).toMatchObject({ urgent: true, limits: { handle: { amount: 2, unit: 'h' } } }); // 污水井盖
    expect(byKey.get('part.0101')?.name.zh).toBe('上水井盖');
    expect(classes.every((c) => c.department && c.conditions.file && c.conditions.close)).toBe(true);
  });
});

describe('the shipped 2026 calendar', () => {
  it('follows the State Council schedule', () => {
    const cal = shipped.calendar;
    const off = ['2026-01-01', '2026-01-03', '2026-02-15', '2026-02-23', '2026-04-06', '2026-05-05', '2026-06-19', '2026-09-25', '2026-10-07'];
    const on = ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10', '2026-02-24'];
    for (const d of off) expect(isWorkingDay(cal, d), d).toBe(false);
    for (const d of on) expect(isWorkingDay(cal, d), d).toBe(true);
    expect(cal.holidays.size).toBe(3 + 9 + 3 + 5 + 3 + 3 + 7);
    expect(cal.workdays.size).toBe(6);
    expect(cal.dayMs).toBe(7.5 * 3_600_000);
  });

  it('carries a case over the National Day week', () => {
    // Wednesday 9-30 16:00 + 1 working day: 1.5 h that day, 10-1 … 10-7 off, 6 h on Thursday 10-8.
    const due = addWorkingTime(Date.parse('2026-09-30T16:00:00+08:00'), { amount: 1, unit: 'wd' }, shipped.calendar, 'Asia/Shanghai');
    expect(due).toBe(Date.parse('2026-10-08T16:00:00+08:00'));
  });
});

describe('loadCaseData', () => {
  it('reads given files and names the file in its errors', async () => {
    const catalogue = path.join(dir, 'my-catalogue.csv');
    const calendar = path.join(dir, 'calendar-2026.csv');
    await writeFile(catalogue, 'kind,major,major_zh,code,name_zh,urgent,handle_limit\nevent,01,市容环境,0102,暴露垃圾,no,1wd\n');
    await writeFile(calendar, 'kind,from,to\nhours,09:00,17:00\nweekend,Sun\n');
    const data = await loadCaseData({ catalogue, calendars: [calendar] });
    expect(data.catalogue.classes.map((c) => c.key)).toEqual(['event.0102']);
    expect(data.calendar.dayMs).toBe(8 * 3_600_000);

    await writeFile(catalogue, 'kind,major,major_zh,code,name_zh,urgent,handle_limit\nevent,01,市容环境,0102,暴露垃圾,no,one day\n');
    await expect(loadCaseData({ catalogue, calendars: [calendar] })).rejects.toThrow(`${catalogue}, line 2: handle_limit "one day" is not a time limit`);
    const missing = path.join(dir, 'nope.csv');
    await expect(loadCaseData({ catalogue: SHIPPED_CATALOGUE, calendars: [missing] })).rejects.toThrow(new CaseDataError(missing, undefined, 'no such file.'));
  });
});
