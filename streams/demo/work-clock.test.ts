import { beforeAll, describe, expect, it } from 'vitest';
import { addWorkingMs, workingMsBetween } from '../../app/case/working-time';
import { civilTime } from '../../app/case/zoned-time';
import { loadCaseData, type CaseData } from '../cases/case-data';
import { seededRng } from '../simulator/walker';
import { WorkClock } from './work-clock';

const TZ = 'Asia/Shanghai';
const NOW = Date.parse('2026-11-18T10:30:00+08:00');
const DAY = 86_400_000;

let data: CaseData;
beforeAll(async () => {
  data = await loadCaseData();
});

describe('the laid-out working calendar', () => {
  it('adds and measures working time as app/case does, across nights, weekends and the October holidays', () => {
    const clock = new WorkClock(data.calendar, TZ, NOW - 100 * DAY, NOW + 30 * DAY);
    const rng = seededRng(3);
    for (let i = 0; i < 300; i++) {
      const a = NOW - 95 * DAY + Math.floor(rng() * 100 * DAY);
      const ms = Math.floor(rng() * 5 * data.calendar.dayMs);
      expect(clock.addWorking(a, ms), `+${ms} from ${new Date(a).toISOString()}`).toBe(addWorkingMs(a, ms, data.calendar, TZ));
      const b = a + Math.floor(rng() * 9 * DAY);
      expect(clock.workingBetween(a, b)).toBe(workingMsBetween(a, b, data.calendar, TZ));
    }
  });

  it('gives the hall date and time of day, and falls back to app/case outside its window', () => {
    const clock = new WorkClock(data.calendar, TZ, NOW - 10 * DAY, NOW);
    expect(clock.civil(NOW)).toEqual(civilTime(NOW, TZ));
    expect(clock.at('2026-11-18', 630)).toBe(NOW);
    const far = NOW + 200 * DAY;
    expect(clock.addWorking(far, 3_600_000)).toBe(addWorkingMs(far, 3_600_000, data.calendar, TZ));
    expect(clock.datesBetween(NOW - 2 * DAY, NOW)).toEqual(['2026-11-16', '2026-11-17', '2026-11-18']);
  });
});
