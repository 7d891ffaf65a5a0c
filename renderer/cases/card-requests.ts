/**
 * Which case card a window shows. Two sources ask: the hall's `case-focus` (every window of the wall,
 * until a time on the hall's clock) and a click at the console (this window, until closed). The newest
 * request still in force wins; one for no case (`caseId: null`) closes an older card.
 */
export interface CardRequest {
  caseId: string | null;
  /** Hall time it lasts until (Infinity: until closed). */
  until: number;
  /** When this window received it (surface clock): orders requests. */
  at: number;
}

export function activeCard(requests: ReadonlyArray<CardRequest | undefined>, hallNow: number): CardRequest | undefined {
  let newest: CardRequest | undefined;
  for (const r of requests) if (r && hallNow < r.until && (!newest || r.at >= newest.at)) newest = r;
  return newest?.caseId ? newest : undefined;
}

/** When the answer may next change by time alone (the soonest finite `until` ahead), if ever. */
export function nextCardChange(requests: ReadonlyArray<CardRequest | undefined>, hallNow: number): number | undefined {
  let next: number | undefined;
  for (const r of requests) if (r && r.until > hallNow && Number.isFinite(r.until) && (next === undefined || r.until < next)) next = r.until;
  return next;
}
