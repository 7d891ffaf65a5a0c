import Type, { type Static } from 'typebox';
import { defineChannel } from '../live/channel';
import { CommunityCode, GridCodeText, StreetCode } from '../place/place-codes';
import { CaseSource, CategoryKey } from './case';
import { CaseStage } from './case-stage';
import { KpiRow, KpiTiles } from './kpi';

/**
 * An open case as the wall shows it (map marks, red-light list, live feed). The wall works out "overdue"
 * from `deadline` against its own clock, so a red light turns on at the right second with no message.
 */
export const CaseMark = Type.Object({
  id: Type.String({ pattern: '^[A-Za-z0-9_.:-]{1,64}$' }),
  caseNo: Type.String({ maxLength: 32 }),
  stage: CaseStage,
  category: CategoryKey,
  source: CaseSource,
  lon: Type.Number({ minimum: -180, maximum: 180 }),
  lat: Type.Number({ minimum: -90, maximum: 90 }),
  grid: Type.Optional(GridCodeText),
  community: Type.Optional(CommunityCode),
  street: Type.Optional(StreetCode),
  reportedAt: Type.Number({ minimum: 0 }),
  updatedAt: Type.Number({ minimum: 0 }),
  /** The current stage's deadline (ms epoch); absent when untimed or parked. */
  deadline: Type.Optional(Type.Number({ minimum: 0 })),
  department: Type.Optional(Type.String({ maxLength: 64 })),
  /** What was reported, shortened for the feed (masked on exhibit surfaces). */
  summary: Type.String({ maxLength: 140 }),
  urgent: Type.Optional(Type.Boolean()),
  outsideDistrict: Type.Optional(Type.Boolean()),
});
export type CaseMark = Static<typeof CaseMark>;

/**
 * `cases`: every open case, by id, updated as it moves and removed when closed or void. Exhibit surfaces
 * see what, where and when, never what people wrote.
 */
export const caseChannel = defineChannel({
  name: 'cases',
  schema: CaseMark,
  merge: 'latest',
  key: (c) => c.id,
  tags: (c) => ({ street: c.street, community: c.community, grid: c.grid }),
  views: { exhibit: { item: (c) => ({ ...c, summary: '' }), key: (id) => id } },
});

const Count = Type.Integer({ minimum: 0 });

/** The statistics wall's figures, recomputed by the hall when cases move (the wall never runs a query). */
export const CaseStats = Type.Object({
  key: Type.Literal('city'),
  /** When they were counted (ms epoch). */
  at: Type.Number(),
  /** The hall day (YYYY-MM-DD) `today` counts, and the month (YYYY-MM) of `month`. */
  day: Type.String({ maxLength: 10 }),
  month: Type.String({ maxLength: 7 }),
  today: KpiTiles,
  thisMonth: KpiTiles,
  /** Open cases per stage (the funnel). */
  stages: Type.Array(Type.Object({ stage: CaseStage, n: Count })),
  /** The last 30 hall days, oldest first. */
  trend: Type.Array(Type.Object({ day: Type.String({ maxLength: 10 }), reported: Count, filed: Count, closed: Count })),
  /** This month's reports by source and by class (top 10). */
  sources: Type.Array(Type.Object({ source: CaseSource, n: Count })),
  categories: Type.Array(Type.Object({ category: CategoryKey, n: Count })),
  /** This month's rankings by 综合指标值, best first. */
  streets: Type.Array(KpiRow),
  departments: Type.Array(KpiRow),
});
export type CaseStats = Static<typeof CaseStats>;

export const caseStatsChannel = defineChannel({
  name: 'case-stats',
  schema: CaseStats,
  merge: 'latest',
  key: (s) => s.key,
  tags: () => ({}),
});

/** The case card every window of the wall shows (`POST /api/cases/{id}/show`), until `until`. */
export const CaseFocus = Type.Object({
  id: Type.Literal('case-focus'),
  caseId: Type.Union([Type.String({ pattern: '^[A-Za-z0-9_.:-]{1,64}$' }), Type.Null()]),
  until: Type.Number(),
  by: Type.Optional(Type.String({ maxLength: 64 })),
});
export type CaseFocus = Static<typeof CaseFocus>;

export const caseFocusChannel = defineChannel({
  name: 'case-focus',
  schema: CaseFocus,
  merge: 'latest',
  key: (f) => f.id,
  tags: () => ({}),
});
