import { describe, expect, it } from 'vitest';
import { parseTimeLimit, type TimeLimit } from '../../../app/case/time-limit';
import { addWorkingTime } from '../../../app/case/working-time';
import { loadCaseData } from '../case-data';
import { ClassDeadlines } from './class-deadline';

describe('class deadlines for imports', () => {
  it('agree with addWorkingTime, across nights, weekends, holidays and make-up days, in two zones', async () => {
    const { calendar } = await loadCaseData();
    const limits = ['30wmin', '5wh', '1wd', '4wd', '15wd', '2h', '1d'].map((t) => parseTimeLimit(t) as TimeLimit);
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2_147_483_647) / 2_147_483_647);
    for (const zone of ['Asia/Shanghai', 'America/New_York']) {
      const fast = new ClassDeadlines(calendar, zone);
      const from = Date.parse('2026-01-01T00:00:00Z');
      for (let i = 0; i < 400; i++) {
        const start = from + Math.floor(random() * 360 * 86_400_000);
        const limit = limits[i % limits.length] as TimeLimit;
        expect(fast.deadline(start, limit), `${zone} ${new Date(start).toISOString()} + ${limit.amount}${limit.unit}`).toBe(addWorkingTime(start, limit, calendar, zone));
      }
    }
  });
});
