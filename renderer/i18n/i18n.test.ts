import { describe, expect, it } from 'vitest';
import { ago, localizer, pickLocale, translator } from './i18n';
import { messages } from './messages';

describe('i18n', () => {
  it('defaults to Chinese and honours ?lang=en', () => {
    expect(pickLocale('', null)).toBe('zh-CN');
    expect(pickLocale('?lang=en', null)).toBe('en');
    expect(pickLocale('', 'en')).toBe('en');
    expect(pickLocale('?lang=fr', null)).toBe('zh-CN');
  });

  it('fills variables, in the wall’s strings and in modules’ own', () => {
    expect(translator('zh-CN')('time.secondsAgo', { n: 5 })).toBe('5 秒前');
    expect(translator('en')('conn.reconnecting', { since: '08:00:01' })).toBe('Reconnecting since 08:00:01');
    expect(localizer('en')({ zh: '{n} 人', en: '{n} people' }, { n: 3 })).toBe('3 people');
  });

  it('says how old something is', () => {
    const t = translator('zh-CN');
    expect(ago(t, 4_000)).toBe('4 秒前');
    expect(ago(t, 300_000)).toBe('5 分钟前');
    expect(ago(t, 3 * 3_600_000)).toBe('3 小时前');
  });

  it('has every key in both languages', () => {
    expect(Object.keys(messages.en).sort()).toEqual(Object.keys(messages['zh-CN']).sort());
  });
});
