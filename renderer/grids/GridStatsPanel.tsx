import { useRef } from 'react';
import { gridStatsChannel } from '../../app/grid/grid-channels';
import { useStore } from 'zustand';
import { useI18n } from '../i18n/use-i18n';
import { useLatest } from '../live/live-store';
import type { PanelProps } from '../wall/contributions';
import { useFittingRows } from '../wall/use-fitting-rows';
import { classOf, colorClasses, cssRgb } from './color-scale';
import { gridData } from './grid-data';
import { gridView, statsKey } from './grid-view';
import { ApproximateNote, MetricScale, useApproximate } from './MetricScale';

/** The busiest grids, most first (ties by code, so the order never flickers). Pure. */
export function topGrids(counts: Readonly<Record<string, number>>, n: number): Array<{ code: string; count: number }> {
  return Object.entries(counts)
    .map(([code, count]) => ({ code, count }))
    .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code))
    .slice(0, n);
}

/**
 * The metric legend as a panel (the wide wall has room): what the map's colours mean, and the grids
 * with the most, by code and community. Options: `metric`, `window` (default: the map's).
 */
export function GridStatsPanel({ options }: PanelProps) {
  const { l } = useI18n();
  const view = gridView(location.search, options);
  const shown = view.layer === 'none' || view.layer === 'coverage' ? { ...view, layer: 'choropleth' as const } : view;
  const stats = useLatest(gridStatsChannel).get(statsKey(view));
  const index = useStore(gridData, (s) => s.index);
  const approximate = useApproximate();
  const rows = stats ? topGrids(stats.counts, 50) : [];
  const classes = stats ? colorClasses(stats.domain) : [];
  const box = useRef<HTMLDivElement>(null);
  const fit = useFittingRows(box, '.top-grid', undefined, rows.length > 0);
  return (
    <div className="grid-stats" data-testid="grid-stats">
      <MetricScale view={shown} stats={stats} />
      {approximate && <ApproximateNote />}
      <div className="top-grids" ref={box}>
        {rows.slice(0, fit).map((r) => {
          const g = index?.byCode.get(r.code);
          const c = classes[classOf(r.count, classes)];
          return (
            <div className="top-grid" key={r.code}>
              <i style={{ background: c ? cssRgb(c.color) : 'transparent' }} />
              <span className="top-code">{r.code}</span>
              <span className="top-place">{g?.props.communityName ?? g?.props.streetName ?? ''}</span>
              <span className="top-count">{r.count}</span>
            </div>
          );
        })}
        {stats && rows.length === 0 && <p className="feed-empty">{l({ zh: '本期暂无', en: 'None in this period' })}</p>}
      </div>
    </div>
  );
}
