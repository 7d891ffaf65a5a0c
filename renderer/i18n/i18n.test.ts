import { describe, expect, it } from 'vitest';
import { pickLocale, translator } from './i18n';
import { messages } from './messages';

describe('i18n', () => {
  it('defaults to Chinese and honours ?lang=en', () => {
    expect(pickLocale('', null)).toBe('zh-CN');
    expect(pickLocale('?lang=en', null)).toBe('en');
    expect(pickLocale('', 'en')).toBe('en');
    expect(pickLocale('?lang=fr', null)).toBe('zh-CN');
  });

  it('fills variables', () => {
    expect(translator('zh-CN')('time.secondsAgo', { n: 5 })).toBe('5 秒前');
    expect(translator('en')('conn.reconnecting', { since: '08:00:01' })).toBe('Reconnecting since 08:00:01');
  });

  it('has every key in both languages', () => {
    expect(Object.keys(messages.en).sort()).toEqual(Object.keys(messages['zh-CN']).sort());
  });
});
