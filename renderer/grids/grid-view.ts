import type { GridMetric, GridWindow } from '../../app/grid/grid-channels';
import type { LocalizedText } from '../../app/city/city';
import type { PanelOptions } from '../wall/contributions';

/** What the grid map fills its grids with: a count per grid, the same points as heat, today's patrol coverage, or nothing. */
export type GridLayerMode = 'choropleth' | 'heatmap' | 'coverage' | 'none';

export interface GridView {
  layer: GridLayerMode;
  metric: GridMetric;
  window: GridWindow;
}

export const DEFAULT_GRID_VIEW: GridView = { layer: 'choropleth', metric: 'reports', window: '7d' };

const LAYERS: readonly GridLayerMode[] = ['choropleth', 'heatmap', 'coverage', 'none'];
const METRICS: readonly GridMetric[] = ['reports', 'patrol-visits', 'cases'];
const WINDOWS: readonly GridWindow[] = ['today', '7d', '30d'];

const pick = <T extends string>(allowed: readonly T[], ...candidates: unknown[]): T | undefined =>
  candidates.find((c): c is T => typeof c === 'string' && (allowed as readonly string[]).includes(c));

/**
 * What this window of the wall shows on its grids: the URL (`?grid-layer=heatmap&window=30d&metric=reports`,
 * one kiosk window's own say), else the map region's layout options (what a wall pins), else choropleth
 * of reports over 7 days. A value the wall does not know is ignored, not guessed at.
 */
export function gridView(search: string, options: PanelOptions): GridView {
  const q = new URLSearchParams(search);
  return {
    layer: pick(LAYERS, q.get('grid-layer'), options['grid-layer']) ?? DEFAULT_GRID_VIEW.layer,
    metric: pick(METRICS, q.get('metric'), options.metric) ?? DEFAULT_GRID_VIEW.metric,
    window: pick(WINDOWS, q.get('window'), options.window) ?? DEFAULT_GRID_VIEW.window,
  };
}

/** The `grid-stats` key of a view. */
export const statsKey = (v: Pick<GridView, 'metric' | 'window'>): string => `${v.metric}:${v.window}`;

/** `?grid=<15-digit code>`: a grid to fly to when the window opens. */
export function focusFromUrl(search: string): string | undefined {
  const g = new URLSearchParams(search).get('grid');
  return g && /^[0-9]{15}$/.test(g) ? g : undefined;
}

export const METRIC_NAMES: Record<GridMetric, LocalizedText> = {
  reports: { zh: '巡查上报', en: 'Reports' },
  'patrol-visits': { zh: '巡查到访', en: 'Patrol visits' },
  cases: { zh: '案卷', en: 'Cases' },
};

export const WINDOW_NAMES: Record<GridWindow, LocalizedText> = {
  today: { zh: '今日', en: 'Today' },
  '7d': { zh: '近 7 天', en: 'Last 7 days' },
  '30d': { zh: '近 30 天', en: 'Last 30 days' },
};
