import type { LocalizedText } from '../../app/city/city';
import { messages, type Locale, type MessageKey } from './messages';

/** The wall speaks Chinese unless `?lang=en` (or a saved choice) says otherwise. */
export function pickLocale(search: string, saved: string | null): Locale {
  const fromUrl = new URLSearchParams(search).get('lang');
  for (const candidate of [fromUrl, saved]) {
    if (candidate === 'en' || candidate === 'zh-CN') return candidate;
  }
  return 'zh-CN';
}

export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;
/** A module's own text in the wall's language. */
export type Localize = (text: LocalizedText, vars?: Vars) => string;

function fill(text: string, vars?: Vars): string {
  if (!vars) return text;
  let out = text;
  for (const [k, v] of Object.entries(vars)) out = out.replaceAll(`{${k}}`, String(v));
  return out;
}

export function translator(locale: Locale): Translate {
  const table = messages[locale];
  return (key, vars) => fill(table[key] ?? messages['zh-CN'][key] ?? key, vars);
}

export function localizer(locale: Locale): Localize {
  return (text, vars) => fill(locale === 'en' ? text.en : text.zh, vars);
}

/** "5 s ago", "3 min ago", "2 h ago": how old something is, in words. */
export function ago(t: Translate, ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 120) return t('time.secondsAgo', { n: s });
  if (s < 7200) return t('time.minutesAgo', { n: Math.round(s / 60) });
  return t('time.hoursAgo', { n: Math.round(s / 3600) });
}

/** hh:mm:ss in the hall's time zone. */
export function clockTime(t: number, timeZone: string, seconds = true): string {
  return new Intl.DateTimeFormat('zh-CN', { timeZone, hour: '2-digit', minute: '2-digit', ...(seconds ? { second: '2-digit' } : {}), hour12: false }).format(t);
}
