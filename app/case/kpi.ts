import Type, { type Static } from 'typebox';

/** What KPIs are counted by (docs/domain.md, "Evaluation": regions, departments, posts). */
export const KPI_GROUPINGS = ['street', 'community', 'grid', 'department', 'inspector'] as const;
export type KpiGrouping = (typeof KPI_GROUPINGS)[number];

export const GRADES = ['A', 'B', 'C', 'D', 'E'] as const;
export type Grade = (typeof GRADES)[number];

const Count = Type.Integer({ minimum: 0 });
const Rate = Type.Number({ minimum: 0, maximum: 1 });

/**
 * One place's, department's or inspector's figures for a period. Counts follow the cases filed (立案) in
 * the period (void excluded): of those, how many were dispatched, handled, closed …; `reported` counts the
 * reports made in the period. closeRate = closed ÷ (filed − parked); onTimeCloseRate = closed on time ÷
 * (filed − parked); reworkRate = cases with rework ÷ handled. Rates are 0 when their denominator is.
 */
export const KpiRow = Type.Object({
  key: Type.String({ maxLength: 64 }),
  name: Type.String({ maxLength: 128 }),
  reported: Count,
  filed: Count,
  dispatched: Count,
  handled: Count,
  closed: Count,
  closedOnTime: Count,
  /** Open now and past their stage deadline (红灯). */
  overdue: Count,
  rework: Count,
  extended: Count,
  parked: Count,
  closeRate: Rate,
  onTimeCloseRate: Rate,
  reworkRate: Rate,
  /** Mean hours from first dispatch to the last report of done; null when nothing was handled. */
  meanHandlingHours: Type.Union([Type.Number({ minimum: 0 }), Type.Null()]),
  /** 综合指标值, 0–100, from the weights in the KPI config. */
  score: Type.Number({ minimum: 0, maximum: 100 }),
  grade: Type.Enum(GRADES),
});
export type KpiRow = Static<typeof KpiRow>;

/** The figures of a KPI tile (today, this month). */
export const KpiTiles = Type.Object({
  reported: Count,
  filed: Count,
  dispatched: Count,
  handled: Count,
  closed: Count,
  closeRate: Rate,
  onTimeCloseRate: Rate,
  /** Cases filed in the period that are past their stage deadline now (as the KPI rows' `overdue`). */
  overdue: Count,
});
export type KpiTiles = Static<typeof KpiTiles>;
