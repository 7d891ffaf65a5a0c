import Type, { type Static } from 'typebox';
import type { Grade, KpiGrouping } from './kpi';

/**
 * 综合指标值 (docs/domain.md, "KPIs"): a weighted sum of indicators, each on 0–100. Rates count
 * as rate × 100; `filedBand` turns the number of cases filed per grid into points (fewer problems score
 * higher), `deptFiledBand` the number a department was given. The weights are a city's to set (a JSON file,
 * see kpi-config in streams/cases); these defaults follow a public implementation (docs/domain.md, "KPIs"), with
 * the region's missing 10 % given to 按期结案率 and, for inspectors, the indicators GridWall does not count
 * yet (漏报率, 按时核实率, 按时核查率) replaced by the closure of what they reported.
 */
export const INDICATORS = [
  /** 结案率. */
  'closeRate',
  /** 按期结案率. */
  'onTimeCloseRate',
  /** 1 − 返工率. */
  'noRework',
  /** 监督举报率: the share of filed cases an inspector found (not the public). */
  'inspectorShare',
  /** 有效上报率: the share of an inspector's reports that were filed. */
  'validReportRate',
  /** 立案数分值 of a place: filed per grid, banded. */
  'filedBand',
  /** 立案数分值 of a department: filed, banded. */
  'deptFiledBand',
] as const;
export type Indicator = (typeof INDICATORS)[number];

/** Weights by indicator; an indicator left out weighs nothing, and a misspelt one is refused. */
const Weights = Type.Object(Object.fromEntries(INDICATORS.map((i) => [i, Type.Optional(Type.Number({ minimum: 0, maximum: 1 }))])) as Record<Indicator, ReturnType<typeof Type.Optional<ReturnType<typeof Type.Number>>>>, {
  additionalProperties: false,
});

export const KpiWeights = Type.Object(
  {
    region: Weights,
    department: Weights,
    inspector: Weights,
    /** Lower bounds of grades A, B, C, D (E below): default 90, 75, 60, 40. */
    grades: Type.Optional(Type.Tuple([Type.Number(), Type.Number(), Type.Number(), Type.Number()])),
  },
  { additionalProperties: false },
);
export type KpiWeights = Static<typeof KpiWeights>;

export const DEFAULT_WEIGHTS: KpiWeights = {
  region: { inspectorShare: 0.1, filedBand: 0.2, closeRate: 0.3, onTimeCloseRate: 0.4 },
  department: { deptFiledBand: 0.1, closeRate: 0.3, onTimeCloseRate: 0.3, noRework: 0.3 },
  inspector: { validReportRate: 0.4, closeRate: 0.3, onTimeCloseRate: 0.3 },
  grades: [90, 75, 60, 40],
};

/** What a row's score is computed from. */
export interface ScoreInput {
  reported: number;
  filed: number;
  closeRate: number;
  onTimeCloseRate: number;
  reworkRate: number;
  /** Filed cases an inspector reported. */
  filedByInspectors: number;
  /** Unit grids in the place (for per-grid banding); 1 for a grid. */
  grids: number;
}

/** 立案数 per grid → points: 0 → 100, < 3 → 90, < 5 → 75, < 7 → 60, < 9 → 40, else 0. */
export function filedBand(filedPerGrid: number): number {
  if (filedPerGrid <= 0) return 100;
  if (filedPerGrid < 3) return 90;
  if (filedPerGrid < 5) return 75;
  if (filedPerGrid < 7) return 60;
  if (filedPerGrid < 9) return 40;
  return 0;
}

/** A department's 立案数 → points (0–10 in the source, here ×10): ≤ 50 → 100, ≤ 100 → 90, ≤ 200 → 75, ≤ 500 → 60, ≤ 1000 → 40. */
export function deptFiledBand(filed: number): number {
  if (filed <= 50) return 100;
  if (filed <= 100) return 90;
  if (filed <= 200) return 75;
  if (filed <= 500) return 60;
  if (filed <= 1000) return 40;
  return 0;
}

function indicator(i: Indicator, x: ScoreInput): number {
  switch (i) {
    case 'closeRate':
      return x.closeRate * 100;
    case 'onTimeCloseRate':
      return x.onTimeCloseRate * 100;
    case 'noRework':
      return (1 - x.reworkRate) * 100;
    case 'inspectorShare':
      return x.filed > 0 ? (x.filedByInspectors / x.filed) * 100 : 100;
    case 'validReportRate':
      return x.reported > 0 ? (x.filed / x.reported) * 100 : 0;
    case 'filedBand':
      return filedBand(x.filed / Math.max(1, x.grids));
    case 'deptFiledBand':
      return deptFiledBand(x.filed);
  }
}

export function weightsFor(weights: KpiWeights, by: KpiGrouping): Partial<Record<Indicator, number>> {
  if (by === 'department') return weights.department;
  if (by === 'inspector') return weights.inspector;
  return weights.region;
}

/** The composite score, 0–100 (weights are normalised, so a config need not sum to exactly 1). */
export function compositeScore(x: ScoreInput, w: Partial<Record<Indicator, number>>): number {
  let sum = 0;
  let total = 0;
  for (const i of INDICATORS) {
    const weight = w[i] ?? 0;
    if (weight <= 0) continue;
    sum += weight * indicator(i, x);
    total += weight;
  }
  const s = total > 0 ? sum / total : 0;
  return Math.round(Math.min(100, Math.max(0, s)) * 100) / 100;
}

export function gradeOf(score: number, bounds: KpiWeights['grades'] = DEFAULT_WEIGHTS.grades): Grade {
  const [a, b, c, d] = bounds ?? [90, 75, 60, 40];
  if (score >= a) return 'A';
  if (score >= b) return 'B';
  if (score >= c) return 'C';
  if (score >= d) return 'D';
  return 'E';
}
