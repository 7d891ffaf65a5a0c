import type { Locale } from '../i18n/messages';

/** How precise a span is written: lists move once a minute, the case card every second. */
export type Precision = 'minutes' | 'seconds';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A span of time as a duty officer reads it: the two largest units, the second zero-padded so the width
 * hardly changes as it counts ("2天03小时", "3小时05分", "12分"; with seconds "12分05秒").
 * Rounded down: a deadline 59 s away is "不足1分", never "1分".
 */
export function formatSpan(ms: number, locale: Locale, precision: Precision = 'minutes'): string {
  const t = Math.max(0, ms);
  const d = Math.floor(t / DAY);
  const h = Math.floor((t % DAY) / HOUR);
  const m = Math.floor((t % HOUR) / MIN);
  const s = Math.floor((t % MIN) / 1000);
  const zh = locale !== 'en';
  if (d > 0) return zh ? `${d}天${pad(h)}小时` : `${d} d ${pad(h)} h`;
  if (h > 0) {
    if (precision === 'seconds') return zh ? `${h}小时${pad(m)}分${pad(s)}秒` : `${h} h ${pad(m)} min ${pad(s)} s`;
    return zh ? `${h}小时${pad(m)}分` : `${h} h ${pad(m)} min`;
  }
  if (precision === 'seconds') return zh ? `${m}分${pad(s)}秒` : `${m} min ${pad(s)} s`;
  return m > 0 ? (zh ? `${m}分` : `${m} min`) : zh ? '不足1分' : '<1 min';
}

export interface Countdown {
  overdue: boolean;
  /** "超期 2天03小时" or "剩余 3小时05分". */
  text: string;
  /** The span alone. */
  span: string;
}

/** A deadline against the hall's clock: overdue once it has passed (deadline < now), else what is left. */
export function countdown(deadline: number, now: number, locale: Locale, precision: Precision = 'minutes'): Countdown {
  const overdue = deadline < now;
  const span = formatSpan(overdue ? now - deadline : deadline - now, locale, precision);
  const zh = locale !== 'en';
  return { overdue, span, text: overdue ? (zh ? `超期 ${span}` : `${span} overdue`) : zh ? `剩余 ${span}` : `${span} left` };
}

/** When a minute-precision countdown next changes its text: the next whole minute of the span. */
export function nextMinuteTick(deadline: number, now: number): number {
  const left = deadline - now;
  const into = ((left % MIN) + MIN) % MIN; // ms until the span crosses a whole minute
  return now + (into === 0 ? MIN : into) + 1;
}
