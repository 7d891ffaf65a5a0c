/** "05-14 09:30" in the hall's time zone. */
export function dayTime(t: number, timeZone: string): string {
  const p = new Intl.DateTimeFormat('zh-CN', { timeZone, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).formatToParts(t);
  const v = (type: string) => p.find((x) => x.type === type)?.value ?? '';
  return `${v('month')}-${v('day')} ${v('hour')}:${v('minute')}`;
}

/** A feed time: "09:30" today (hall day), "05-12" on an earlier day — a row never passes an old case off as new. */
export function feedTime(t: number, now: number, timeZone: string): string {
  const a = dayTime(t, timeZone);
  return a.slice(0, 5) === dayTime(now, timeZone).slice(0, 5) ? a.slice(6) : a.slice(0, 5);
}

/** The hall's calendar date ("2026-05-14") of an instant. */
export function hallDate(t: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(t);
}
