import { createContext, useContext } from 'react';
import { localizer, translator, type Localize, type Translate } from './i18n';
import type { Locale } from './messages';

export interface I18n {
  locale: Locale;
  t: Translate;
  /** A module's own `{zh, en}` text in the wall's language. */
  l: Localize;
  /** The hall's time zone: clocks show hall time whatever the PC's clock says. */
  timeZone: string;
}

export const I18nContext = createContext<I18n>({ locale: 'zh-CN', t: translator('zh-CN'), l: localizer('zh-CN'), timeZone: 'Asia/Shanghai' });

export function useI18n(): I18n {
  return useContext(I18nContext);
}
