import Type, { type Static } from 'typebox';
import { defineChannel } from '../live/channel';
import { GridCode } from './grid-code';

/** What the grid map can colour grids by, and over which period. */
export const GridMetric = Type.Union([Type.Literal('reports'), Type.Literal('patrol-visits'), Type.Literal('cases')]);
export type GridMetric = Static<typeof GridMetric>;
export const GridWindow = Type.Union([Type.Literal('today'), Type.Literal('7d'), Type.Literal('30d')]);
export type GridWindow = Static<typeof GridWindow>;

/**
 * Counts per unit grid of one metric over one window, with the colour domain every window of the wall
 * uses (so two halves of a wall never colour the same count differently). Recomputed by the hall as
 * data arrives; only grids with a count are listed.
 */
export const GridStats = Type.Object({
  /** `<metric>:<window>` */
  key: Type.String({ pattern: '^[a-z-]+:[a-z0-9]+$' }),
  metric: GridMetric,
  window: GridWindow,
  from: Type.Number(),
  to: Type.Number(),
  /** The legend's range: 0 to a rounded maximum. */
  domain: Type.Tuple([Type.Number(), Type.Number()]),
  counts: Type.Record(GridCode, Type.Integer({ minimum: 0 })),
  total: Type.Integer({ minimum: 0 }),
});
export type GridStats = Static<typeof GridStats>;

export const gridStatsChannel = defineChannel({
  name: 'grid-stats',
  schema: GridStats,
  merge: 'latest',
  key: (s) => s.key,
  tags: () => ({}),
});

/**
 * The map's focus: every window of the wall flies to this grid, highlights it, and returns to the whole
 * view when `until` has passed. Set by `POST /api/grids/focus` (operator) — or locally by `?grid=`.
 */
export const GridFocus = Type.Object({
  id: Type.Literal('focus'),
  grid: Type.Union([GridCode, Type.Null()]),
  until: Type.Number(),
  /** Who asked (a surface or operator name), for the wall's note. */
  by: Type.Optional(Type.String({ maxLength: 64 })),
});
export type GridFocus = Static<typeof GridFocus>;

export const focusChannel = defineChannel({
  name: 'focus',
  schema: GridFocus,
  merge: 'latest',
  key: (f) => f.id,
  tags: () => ({}),
});

/** Today's patrol coverage of one responsibility grid (责任网格): which of its grids its inspectors passed through. */
export const Coverage = Type.Object({
  id: Type.String({ pattern: '^[A-Za-z0-9_.-]{1,64}$' }),
  name: Type.String({ maxLength: 64 }),
  total: Type.Integer({ minimum: 0 }),
  /** Grid codes visited today by any of its inspectors. */
  visited: Type.Array(GridCode),
  share: Type.Number({ minimum: 0, maximum: 1 }),
  inspectors: Type.Array(Type.Object({ unitId: Type.String({ maxLength: 64 }), visited: Type.Integer({ minimum: 0 }), share: Type.Number({ minimum: 0, maximum: 1 }) })),
  street: Type.Optional(Type.String({ pattern: '^[0-9]{12}$' })),
});
export type Coverage = Static<typeof Coverage>;

export const coverageChannel = defineChannel({
  name: 'coverage',
  schema: Coverage,
  merge: 'latest',
  key: (c) => c.id,
  tags: (c) => ({ street: c.street }),
  views: {
    // Visitors see how well the city is covered, not which inspector walked where.
    exhibit: { item: (c) => ({ ...c, inspectors: [] }), key: (id) => id },
  },
});

/** A street or community area for the map's boundaries and labels (`GET /api/grids/areas`). */
export const PlaceArea = Type.Object({
  code: Type.String({ pattern: '^[0-9]{12}$' }),
  name: Type.String(),
  level: Type.Union([Type.Literal('street'), Type.Literal('community')]),
  approximate: Type.Boolean(),
  /** Where its label goes: a point well inside the area (pole of inaccessibility). */
  label: Type.Tuple([Type.Number(), Type.Number()]),
  geometry: Type.Object({ type: Type.Union([Type.Literal('Polygon'), Type.Literal('MultiPolygon')]), coordinates: Type.Array(Type.Unknown()) }),
});
export type PlaceArea = Static<typeof PlaceArea>;

export const PlaceAreas = Type.Object({ streets: Type.Array(PlaceArea), communities: Type.Array(PlaceArea) });
export type PlaceAreas = Static<typeof PlaceAreas>;

/** Points behind a heatmap: interleaved [lon, lat, lon, lat, …] (compact for 200,000 points). */
export const HeatPoints = Type.Object({ metric: GridMetric, window: GridWindow, from: Type.Number(), to: Type.Number(), coords: Type.Array(Type.Number()) });
export type HeatPoints = Static<typeof HeatPoints>;
