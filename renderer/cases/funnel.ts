import type { LocalizedText } from '../../app/city/city';
import type { CaseStats } from '../../app/case/case-channels';
import type { KpiTiles } from '../../app/case/kpi';
import { stageGroup, STAGE_GROUPS, type StageGroup } from './case-marks';

/** The flow a period's cases went through (上报 → 立案 → 派遣 → 处置 → 结案), as counted in its tiles. */
export const FLOW_STEPS = ['reported', 'filed', 'dispatched', 'handled', 'closed'] as const;
export type FlowStep = (typeof FLOW_STEPS)[number];

export const FLOW_NAMES: Readonly<Record<FlowStep, LocalizedText>> = {
  reported: { zh: '上报', en: 'Reported' },
  filed: { zh: '立案', en: 'Filed' },
  dispatched: { zh: '派遣', en: 'Dispatched' },
  handled: { zh: '处置', en: 'Handled' },
  closed: { zh: '结案', en: 'Closed' },
};

export interface FunnelStep {
  step: FlowStep;
  n: number;
  /** Share of the widest step (0–1): the funnel's width, on a scale fixed to its own top. */
  width: number;
  /** Share of the step before (立案 ÷ 上报 …); null for the first or when the step before is 0. */
  ofPrev: number | null;
}

/**
 * The funnel of a period's figures. The widest step sets the scale (a month's 立案 may exceed its 上报
 * when cases reported last month were filed this month, so it is not always the first).
 */
export function flowFunnel(t: KpiTiles): FunnelStep[] {
  const top = Math.max(1, ...FLOW_STEPS.map((s) => t[s]));
  return FLOW_STEPS.map((step, i) => {
    const prev = i > 0 ? t[FLOW_STEPS[i - 1] as FlowStep] : 0;
    return { step, n: t[step], width: t[step] / top, ofPrev: i > 0 && prev > 0 ? t[step] / prev : null };
  });
}

/** Open cases per stage group, in workflow order, with the total (the strip under the funnel, in the map's colours). */
export function groupCounts(stages: CaseStats['stages']): { groups: Array<{ group: StageGroup; n: number }>; total: number } {
  const by = new Map<StageGroup, number>(STAGE_GROUPS.map((g) => [g, 0]));
  let total = 0;
  for (const { stage, n } of stages) {
    const g = stageGroup(stage);
    if (!g) continue;
    by.set(g, (by.get(g) ?? 0) + n);
    total += n;
  }
  return { groups: STAGE_GROUPS.map((group) => ({ group, n: by.get(group) ?? 0 })), total };
}
