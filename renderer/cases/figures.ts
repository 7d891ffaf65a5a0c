import type { Grade } from '../../app/case/kpi';
import type { Locale } from '../i18n/messages';

/** "12,345": counts with grouping, in tabular figures (the CSS reserves their width). */
export function formatCount(n: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'en' ? 'en-US' : 'zh-CN', { maximumFractionDigits: 0 }).format(n);
}

/** "98.7%", "100%"; "—" when there is nothing to take a rate of (the hall sends 0 then, which would lie). */
export function formatRate(rate: number, hasBase = true): string {
  if (!hasBase) return '—';
  const p = Math.round(Math.min(1, Math.max(0, rate)) * 1000) / 10;
  return `${p === 100 ? '100' : p.toFixed(1)}%`;
}

/** A score on its fixed 0–100 scale, one decimal. */
export const formatScore = (score: number): string => (Math.round(Math.min(100, Math.max(0, score)) * 10) / 10).toFixed(1);

/**
 * An axis top that moves only in steps (1, 2, 5 × 10ⁿ): a chart or a bar scale does not rescale with
 * every new case, only when a count crosses a step.
 */
export function niceMax(max: number): number {
  if (!(max > 1)) return 1;
  const p = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 5, 10]) if (max <= m * p) return m * p;
  return 10 * p;
}

/** Grade colours: A green … E red, as the evaluation tables print them. */
export const GRADE_COLOURS: Readonly<Record<Grade, string>> = {
  A: '#2effaa',
  B: '#35d0ff',
  C: '#ffc400',
  D: '#ff9f43',
  E: '#ff4d5e',
};
