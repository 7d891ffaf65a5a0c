import { describe, expect, it } from 'vitest';
import { dayTime, feedTime, hallDate } from './time-format';

describe('time format', () => {
  it('writes hall time, and an earlier day as a date', () => {
    const t = Date.parse('2026-05-14T01:30:00Z'); // 09:30 in Beijing
    expect(dayTime(t, 'Asia/Shanghai')).toBe('05-14 09:30');
    expect(feedTime(t, t + 3_600_000, 'Asia/Shanghai')).toBe('09:30');
    expect(feedTime(t - 2 * 86_400_000, t, 'Asia/Shanghai')).toBe('05-12');
    expect(hallDate(Date.parse('2026-05-13T16:30:00Z'), 'Asia/Shanghai')).toBe('2026-05-14');
  });
});
