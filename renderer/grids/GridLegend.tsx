import { gridStatsChannel } from '../../app/grid/grid-channels';
import { useLatest } from '../live/live-store';
import type { PanelProps } from '../wall/contributions';
import { gridView, statsKey } from './grid-view';
import { ApproximateNote, MetricScale, useApproximate } from './MetricScale';

/** The map's own legend block for the grid fill (bottom left, over the map). */
export function GridLegend({ options }: PanelProps) {
  const view = gridView(location.search, options);
  const stats = useLatest(gridStatsChannel).get(statsKey(view));
  const approximate = useApproximate();
  if (view.layer === 'none' && !approximate) return null;
  return (
    <div className="map-block grid-legend">
      <MetricScale view={view} stats={stats} />
      {approximate && <ApproximateNote />}
    </div>
  );
}
