import { useRef } from 'react';
import { coverageChannel } from '../../app/grid/grid-channels';
import { useI18n } from '../i18n/use-i18n';
import { useLatest } from '../live/live-store';
import type { PanelProps } from '../wall/contributions';
import { useFittingRows } from '../wall/use-fitting-rows';
import { percent, summarizeCoverage } from './coverage-summary';

/**
 * Patrol coverage today (巡查覆盖率), per responsibility grid (责任网格): the share of its unit grids its
 * inspectors passed through, least covered first, and each inspector's share. Visitors (exhibit) see
 * the grids only: the hall sends them no inspectors.
 */
export function CoveragePanel({ city }: PanelProps) {
  const { l } = useI18n();
  const s = summarizeCoverage(useLatest(coverageChannel).values());
  const box = useRef<HTMLDivElement>(null);
  const fit = useFittingRows(box, '.cov-row', '.cov-total', s.rows.length > 0);
  const streetName = (code: string | undefined) => city.places.find((p) => p.code === code)?.shortName;
  return (
    <div className="coverage" ref={box} data-testid="coverage">
      {s.rows.length === 0 ? (
        <p className="roster-empty">{l({ zh: '暂无责任网格覆盖数据', en: 'No coverage of responsibility grids yet' })}</p>
      ) : (
        <>
          <div className="cov-total">
            {l({ zh: '今日覆盖', en: 'Covered today' })} <strong>{percent(s.share)}</strong>
            <small>
              {' '}
              {s.visited}/{s.total} {l({ zh: '个网格', en: 'grids' })}
            </small>
          </div>
          {s.rows.slice(0, fit).map((r) => (
            <div className="cov-row" key={r.id}>
              <div className="cov-line">
                <span className="cov-name">
                  {r.name}
                  {streetName(r.street) && <small> · {streetName(r.street)}</small>}
                </span>
                <span className="cov-bar">
                  <i style={{ width: `${Math.min(100, r.share * 100)}%` }} className={r.share < 0.3 ? 'cov-low' : r.share < 0.7 ? 'cov-mid' : 'cov-high'} />
                </span>
                <span className="cov-pct">{percent(r.share)}</span>
              </div>
              <div className="cov-inspectors">
                {r.inspectors.length ? (
                  r.inspectors.map((i) => (
                    <span key={i.unitId}>
                      {i.unitId} <b>{percent(i.share)}</b>
                    </span>
                  ))
                ) : (
                  <span>
                    {r.visited}/{r.total}
                  </span>
                )}
              </div>
            </div>
          ))}
        </>
      )}
    </div>
  );
}
