import { caseChannel } from '../../app/case/case-channels';
import { useI18n } from '../i18n/use-i18n';
import { useLatest } from '../live/live-store';
import { classLabel, colorClasses, cssRgb } from '../grids/color-scale';
import type { PanelProps } from '../wall/contributions';
import { caseDomain, caseFillMode, densestSquareKm } from './case-fill-mode';
import { niceMax } from './figures';
import { openPerGrid } from './case-marks';

/** The case fill's legend (bottom left, with the grids' one): what the colours count, per what, live. */
export function CaseFillLegend({ options }: PanelProps) {
  const { l } = useI18n();
  const marks = useLatest(caseChannel);
  const mode = caseFillMode(location.search, options);
  if (mode === 'none') return null;
  const heat = mode === 'heatmap';
  const classes = colorClasses(heat ? [0, niceMax(densestSquareKm(marks.values()))] : caseDomain(openPerGrid(marks.values())));
  return (
    <div className="map-block grid-legend" data-testid="case-fill-legend">
      <div className="metric-scale">
        <strong>
          {l({ zh: '在办案卷', en: 'Open cases' })} <small>({heat ? l({ zh: '热力 · 每平方公里', en: 'heat · per km²' }) : l({ zh: '每网格', en: 'per grid' })})</small>{' '}
          <small className="scale-asof">{l({ zh: '实时 · 共 {n}', en: 'live · {n} in all' }, { n: marks.size })}</small>
        </strong>
        <span className="scale-row">
          {classes.map((c) => (
            <span className="scale-class" key={c.from}>
              <i style={{ background: cssRgb(c.color) }} />
              {classLabel(c)}
            </span>
          ))}
        </span>
      </div>
    </div>
  );
}
