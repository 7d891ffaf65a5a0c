import type { LocalizedText } from '../../app/city/city';
import type { CaseMark } from '../../app/case/case-channels';
import type { CaseStage } from '../../app/case/case-stage';

/**
 * Open cases as the wall groups them: five colours a duty officer can tell apart from 5 m, one per
 * person the case waits on (acceptor/shift leader, dispatcher, department, inspector/shift leader), and
 * parked cases, which are off the clock. Overdue overrides them all: red.
 */
export const STAGE_GROUPS = ['intake', 'dispatch', 'handling', 'check', 'parked'] as const;
export type StageGroup = (typeof STAGE_GROUPS)[number];
export type Rgb = readonly [number, number, number];

const GROUP_OF: Readonly<Record<CaseStage, StageGroup | undefined>> = {
  reported: 'intake',
  verifying: 'intake',
  accepted: 'intake',
  filed: 'dispatch',
  returned: 'dispatch',
  handling: 'handling',
  extending: 'handling',
  'fed-back': 'check',
  checking: 'check',
  checked: 'check',
  parked: 'parked',
  closed: undefined,
  void: undefined,
};

export const GROUP_INFO: Readonly<Record<StageGroup, { name: LocalizedText; rgb: Rgb }>> = {
  intake: { name: { zh: '待立案', en: 'Filing' }, rgb: [122, 162, 255] },
  dispatch: { name: { zh: '待派遣', en: 'Dispatch' }, rgb: [190, 140, 255] },
  handling: { name: { zh: '处置中', en: 'Handling' }, rgb: [255, 138, 216] },
  check: { name: { zh: '核查结案', en: 'Checking' }, rgb: [214, 228, 250] },
  parked: { name: { zh: '挂账', en: 'Parked' }, rgb: [120, 135, 155] },
};

export const OVERDUE_RGB: Rgb = [255, 77, 94];
export const OVERDUE_NAME: LocalizedText = { zh: '超期（红灯）', en: 'Overdue (red light)' };

export const css = (c: Rgb): string => `rgb(${c.join(',')})`;

/** The group of an open stage; undefined for closed and void (the hall removes those marks). */
export const stageGroup = (stage: CaseStage): StageGroup | undefined => GROUP_OF[stage];

/** Past its stage's deadline on the hall's clock: the red light turns on with no message. */
export const isOverdue = (m: Pick<CaseMark, 'deadline'>, now: number): boolean => m.deadline !== undefined && m.deadline < now;

/** The colour a mark is drawn in now. */
export function markRgb(m: CaseMark, now: number): Rgb {
  if (isOverdue(m, now)) return OVERDUE_RGB;
  const g = stageGroup(m.stage);
  return g ? GROUP_INFO[g].rgb : GROUP_INFO.parked.rgb;
}

/** The red-light list: overdue marks, longest overdue (earliest deadline) first; ties by case number, so rows never swap. */
export function redLights(marks: Iterable<CaseMark>, now: number): CaseMark[] {
  const out: CaseMark[] = [];
  for (const m of marks) if (isOverdue(m, now)) out.push(m);
  return out.sort((a, b) => (a.deadline ?? 0) - (b.deadline ?? 0) || a.caseNo.localeCompare(b.caseNo));
}

/** The live feed: newest report first; ties by case number (newest number first). */
export function liveFeed(marks: Iterable<CaseMark>): CaseMark[] {
  return [...marks].sort((a, b) => b.reportedAt - a.reportedAt || b.caseNo.localeCompare(a.caseNo));
}

/** When the next red light turns on (the first ms past the soonest deadline still ahead), if ever. */
export function nextRedLight(marks: Iterable<CaseMark>, now: number): number | undefined {
  let next: number | undefined;
  for (const m of marks) if (m.deadline !== undefined && m.deadline >= now && (next === undefined || m.deadline < next)) next = m.deadline;
  return next === undefined ? undefined : next + 1;
}

/** How many marks are overdue now: with the same marks it only grows with time, so it says when a redraw is due. */
export function overdueCount(marks: Iterable<CaseMark>, now: number): number {
  let n = 0;
  for (const m of marks) if (isOverdue(m, now)) n++;
  return n;
}

/** Open cases per unit grid (the map's case choropleth); marks without a grid are not counted. */
export function openPerGrid(marks: Iterable<CaseMark>): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of marks) if (m.grid) out.set(m.grid, (out.get(m.grid) ?? 0) + 1);
  return out;
}

/** "0514-0012" from "110107-20260514-0012": the day and number people quote; other numbers as they are. */
export function shortCaseNo(caseNo: string): string {
  const m = /^.+-\d{4}(\d{4})-(\d+)$/.exec(caseNo);
  return m ? `${m[1]}-${m[2]}` : caseNo;
}
