import type { LocalizedText } from '../city/city';
import Type from 'typebox';

/**
 * Where a case (案卷) is in the workflow (docs/domain.md "Cases"). The seven textbook stages
 * (信息收集 → 立案 → 派遣 → 处置 → 处理反馈 → 核查 → 结案) are split wherever a case waits on a different
 * person, so that every state a real case can be in is one stage, and each stage has exactly one clock.
 */
export const CASE_STAGES = [
  'reported', // 上报: in the acceptor's queue (信息收集)
  'verifying', // 核实中: a public/hotline report sent to an inspector to confirm on site
  'accepted', // 已受理: the acceptor built the case file (案卷建立); awaits the shift leader's 立案
  'filed', // 已立案: awaits dispatch (派遣)
  'returned', // 已回退: a department rejected a mis-dispatch; awaits re-dispatch
  'handling', // 处置中: the department has it
  'extending', // 延期申请中: still handling, an extension awaits the shift leader
  'fed-back', // 已反馈: the department reported it done (处理反馈); awaits a check task
  'checking', // 核查中: an inspector checks on site
  'checked', // 核查通过: awaits the shift leader's 结案
  'closed', // 已结案 (terminal)
  'parked', // 挂账: off the clock, resumes where it was
  'void', // 已作废 / 不予立案 (terminal)
] as const;
export type CaseStage = (typeof CASE_STAGES)[number];
export const CaseStage = Type.Enum(CASE_STAGES);

/**
 * The clocks of a case: each stage runs exactly one (or none), with a time limit per small class in the
 * catalogue (立案、派遣、处置、核查、结案 时限; 核实 added because 按时核实率 is assessed).
 */
export const CLOCK_PHASES = ['verify', 'file', 'dispatch', 'handle', 'check', 'close'] as const;
export type ClockPhase = (typeof CLOCK_PHASES)[number];

export interface StageInfo {
  name: LocalizedText;
  /** Its column among the seven textbook stages (1 信息收集 … 6 核查结案; 7 综合评价 holds no case). */
  step: 1 | 2 | 3 | 4 | 5 | 6;
  /** The clock running in it; undefined: none (parked is off the clock, terminal stages are done). */
  phase?: ClockPhase;
  terminal?: true;
}

export const STAGES: Readonly<Record<CaseStage, StageInfo>> = {
  reported: { name: { zh: '上报', en: 'Reported' }, step: 1, phase: 'file' },
  verifying: { name: { zh: '核实中', en: 'Verifying' }, step: 1, phase: 'verify' },
  accepted: { name: { zh: '已受理', en: 'Accepted' }, step: 2, phase: 'file' },
  filed: { name: { zh: '已立案', en: 'Filed' }, step: 3, phase: 'dispatch' },
  returned: { name: { zh: '已回退', en: 'Returned' }, step: 3, phase: 'dispatch' },
  handling: { name: { zh: '处置中', en: 'Handling' }, step: 4, phase: 'handle' },
  extending: { name: { zh: '延期申请中', en: 'Extension requested' }, step: 4, phase: 'handle' },
  'fed-back': { name: { zh: '已反馈', en: 'Reported done' }, step: 5, phase: 'check' },
  checking: { name: { zh: '核查中', en: 'Checking' }, step: 6, phase: 'check' },
  checked: { name: { zh: '核查通过', en: 'Checked' }, step: 6, phase: 'close' },
  closed: { name: { zh: '已结案', en: 'Closed' }, step: 6, terminal: true },
  parked: { name: { zh: '挂账', en: 'Parked' }, step: 4 },
  void: { name: { zh: '已作废', en: 'Void' }, step: 2, terminal: true },
};

export const PHASE_NAMES: Readonly<Record<ClockPhase, LocalizedText>> = {
  verify: { zh: '核实', en: 'Verify' },
  file: { zh: '立案', en: 'File' },
  dispatch: { zh: '派遣', en: 'Dispatch' },
  handle: { zh: '处置', en: 'Handle' },
  check: { zh: '核查', en: 'Check' },
  close: { zh: '结案', en: 'Close' },
};

export function isCaseStage(s: string): s is CaseStage {
  return (CASE_STAGES as readonly string[]).includes(s);
}

export function stageName(stage: CaseStage, locale: 'zh-CN' | 'en'): string {
  const n = STAGES[stage].name;
  return locale === 'en' ? n.en : n.zh;
}
