import type { LocalizedText } from '../city/city';
/**
 * A time limit as a catalogue writes it: `30min`, `6h`, `1d` in natural time; `30wmin`, `5wh`, `1wd` in
 * working time (工作时/工作日), which runs only in the working hours of working days (app/case/work-calendar.ts).
 * One working day is one working day's hours (7.5 h for 08:30–12:00 + 13:30–17:30), not "same time next day".
 */
export const LIMIT_UNITS = ['min', 'h', 'd', 'wmin', 'wh', 'wd'] as const;
export type LimitUnit = (typeof LIMIT_UNITS)[number];

export interface TimeLimit {
  amount: number;
  unit: LimitUnit;
}

const PATTERN = /^(\d+(?:\.\d+)?)\s*(min|h|d|wmin|wh|wd)$/;

/** A limit from its text; undefined when the text is not one (the caller says where and why). */
export function parseTimeLimit(text: string): TimeLimit | undefined {
  const m = PATTERN.exec(text.trim());
  if (!m) return undefined;
  const amount = Number(m[1]);
  if (!(amount > 0)) return undefined;
  return { amount, unit: m[2] as LimitUnit };
}

export const LIMIT_SYNTAX = 'a number and a unit: min, h or d (natural time), wmin, wh or wd (working time), e.g. 30min, 2wh, 1wd, 6h';

export function isWorkingLimit(limit: TimeLimit): boolean {
  return limit.unit.startsWith('w');
}

const UNIT_MS: Readonly<Record<'min' | 'h' | 'd', number>> = { min: 60_000, h: 3_600_000, d: 86_400_000 };

/** The limit in ms of its own measure: natural ms, or working ms (a working day = `workDayMs`). */
export function limitMs(limit: TimeLimit, workDayMs: number): number {
  switch (limit.unit) {
    case 'wmin':
      return limit.amount * UNIT_MS.min;
    case 'wh':
      return limit.amount * UNIT_MS.h;
    case 'wd':
      return limit.amount * workDayMs;
    default:
      return limit.amount * UNIT_MS[limit.unit];
  }
}

export function formatTimeLimit(limit: TimeLimit): string {
  return `${limit.amount}${limit.unit}`;
}

const UNIT_NAMES: Readonly<Record<LimitUnit, LocalizedText>> = {
  min: { zh: '分钟', en: 'min' },
  h: { zh: '小时', en: 'h' },
  d: { zh: '天', en: 'd' },
  wmin: { zh: '工作分钟', en: 'working min' },
  wh: { zh: '工作时', en: 'working h' },
  wd: { zh: '工作日', en: 'working days' },
};

/** For people: 5工作时 / 5 working h. */
export function describeTimeLimit(limit: TimeLimit, locale: 'zh-CN' | 'en'): string {
  const n = UNIT_NAMES[limit.unit];
  return locale === 'en' ? `${limit.amount} ${n.en}` : `${limit.amount}${n.zh}`;
}
