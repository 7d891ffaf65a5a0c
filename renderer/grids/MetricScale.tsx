import { useStore } from 'zustand';
import type { GridStats } from '../../app/grid/grid-channels';
import { clockTime } from '../i18n/i18n';
import { useI18n } from '../i18n/use-i18n';
import { classLabel, colorClasses, cssRgb } from './color-scale';
import { gridData } from './grid-data';
import { DASH } from './grid-style';
import { METRIC_NAMES, WINDOW_NAMES, type GridView } from './grid-view';

const VISITED = 'rgb(46,255,170)';
const NOT_VISITED = 'rgb(214,128,24)';

/** Whether anything on the map is drawn from derived boundaries (then the legend says what dashes mean). */
export function useApproximate(): boolean {
  const d = useStore(gridData);
  return Boolean(d.index?.approximate || d.areas?.streets.some((a) => a.approximate) || d.areas?.communities.some((a) => a.approximate));
}

/** A dashed line swatch and what it means. */
export function ApproximateNote() {
  const { l } = useI18n();
  return (
    <span className="scale-note">
      <i className="legend-dash" style={{ backgroundSize: `${(DASH[0] + DASH[1]) / 10}rem 100%` }} />
      {l({ zh: '虚线：推算边界（近似）', en: 'Dashed: derived boundary (approximate)' })}
    </span>
  );
}

/**
 * The legend of the grid fill: metric and window, the colour classes of the hall's fixed domain (the same
 * on every window, whatever the window shows), and how current the counts are. Coverage: visited or not.
 */
export function MetricScale({ view, stats }: { view: GridView; stats: GridStats | undefined }) {
  const { l, timeZone } = useI18n();
  if (view.layer === 'none') return null;
  if (view.layer === 'coverage') {
    return (
      <div className="metric-scale" data-testid="metric-scale">
        <strong>{l({ zh: '今日巡查覆盖', en: 'Patrol coverage today' })}</strong>
        <span className="scale-row">
          <span className="scale-class">
            <i style={{ background: VISITED }} /> {l({ zh: '已巡', en: 'Visited' })}
          </span>
          <span className="scale-class">
            <i style={{ background: NOT_VISITED }} /> {l({ zh: '未巡', en: 'Not yet' })}
          </span>
        </span>
      </div>
    );
  }
  const classes = stats ? colorClasses(stats.domain) : [];
  const kind = view.layer === 'heatmap' ? { zh: '热力', en: 'heat' } : { zh: '每网格', en: 'per grid' };
  return (
    <div className="metric-scale" data-testid="metric-scale">
      <strong>
        {l(METRIC_NAMES[view.metric])} · {l(WINDOW_NAMES[view.window])} <small>({l(kind)})</small>{' '}
        <small className="scale-asof">
          {stats ? l({ zh: '统计至 {t} · 共 {n}', en: 'as of {t} · {n} in all' }, { t: clockTime(stats.to, timeZone, false), n: stats.total }) : l({ zh: '暂无统计', en: 'no counts yet' })}
        </small>
      </strong>
      {stats && (
        <span className="scale-row">
          {classes.map((c) => (
            <span className="scale-class" key={c.from}>
              <i style={{ background: cssRgb(c.color) }} />
              {classLabel(c)}
            </span>
          ))}
        </span>
      )}
    </div>
  );
}
