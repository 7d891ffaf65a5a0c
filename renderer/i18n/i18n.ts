import { messages, type Locale, type MessageKey } from './messages';

/** The wall speaks Chinese unless `?lang=en` (or a saved choice) says otherwise. */
export function pickLocale(search: string, saved: string | null): Locale {
  const fromUrl = new URLSearchParams(search).get('lang');
  for (const candidate of [fromUrl, saved]) {
    if (candidate === 'en' || candidate === 'zh-CN') return candidate;
  }
  return 'zh-CN';
}

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function translator(locale: Locale): Translate {
  const table = messages[locale];
  return (key, vars) => {
    let text: string = table[key] ?? messages['zh-CN'][key] ?? key;
    if (vars) for (const [k, v] of Object.entries(vars)) text = text.replaceAll(`{${k}}`, String(v));
    return text;
  };
}
