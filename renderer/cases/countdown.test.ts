import { describe, expect, it } from 'vitest';
import { countdown, formatSpan, nextMinuteTick } from './countdown';

const MIN = 60_000;
const H = 60 * MIN;
const D = 24 * H;

describe('countdown', () => {
  it('writes the two largest units, the second padded', () => {
    expect(formatSpan(2 * D + 3 * H + 5 * MIN, 'zh-CN')).toBe('2天03小时');
    expect(formatSpan(3 * H + 5 * MIN + 9000, 'zh-CN')).toBe('3小时05分');
    expect(formatSpan(12 * MIN + 59_000, 'zh-CN')).toBe('12分');
    expect(formatSpan(59_000, 'zh-CN')).toBe('不足1分');
    expect(formatSpan(3 * H + 5 * MIN + 9000, 'zh-CN', 'seconds')).toBe('3小时05分09秒');
    expect(formatSpan(12 * MIN + 5000, 'en', 'seconds')).toBe('12 min 05 s');
    expect(formatSpan(2 * D + 3 * H, 'en')).toBe('2 d 03 h');
    expect(formatSpan(-5, 'en')).toBe('<1 min');
  });

  it('says overdue once the deadline has passed, else what is left', () => {
    const now = 1_000_000_000;
    expect(countdown(now + 2 * H, now, 'zh-CN').text).toBe('剩余 2小时00分');
    expect(countdown(now, now, 'zh-CN').overdue).toBe(false);
    const late = countdown(now - (D + 2 * H), now, 'en');
    expect(late).toEqual({ overdue: true, span: '1 d 02 h', text: '1 d 02 h overdue' });
  });

  it('ticks when the minute of the span changes, before and after the deadline', () => {
    const now = 1_000_000_000;
    expect(nextMinuteTick(now + 90_000, now)).toBe(now + 30_001);
    expect(nextMinuteTick(now - 90_000, now)).toBe(now + 30_001);
    expect(nextMinuteTick(now + 2 * MIN, now)).toBe(now + MIN + 1);
  });
});
