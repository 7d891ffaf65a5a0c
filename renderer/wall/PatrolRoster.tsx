import { useEffect, useRef, useState } from 'react';
import type { PatrolState } from '../../app/patrol/patrol';
import { useI18n } from '../i18n/use-i18n';
import type { Translate } from '../i18n/i18n';
import { wallStore } from '../live/live-store';
import { STATUS_CSS } from '../map/patrol-layers';

const ORDER = { online: 0, stale: 1, offline: 2 } as const;

function ago(t: Translate, ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return s < 120 ? t('time.secondsAgo', { n: s }) : t('time.minutesAgo', { n: Math.round(s / 60) });
}

/** How many whole table rows fit the box, measured from the rows as drawn (re-measured on resize). */
function useFittingRows(box: React.RefObject<HTMLElement | null>, hasRows: boolean): number {
  const [rows, setRows] = useState(1);
  useEffect(() => {
    const node = box.current;
    if (!node || !hasRows) return;
    const measure = () => {
      const head = node.querySelector('thead')?.getBoundingClientRect().height ?? 0;
      const row = node.querySelector('tbody tr')?.getBoundingClientRect().height;
      if (row) setRows(Math.max(1, Math.floor((node.clientHeight - head) / row)));
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(node);
    return () => ro.disconnect();
  }, [box, hasRows]);
  return rows;
}

/** The patrol list, refreshed once a second (not per delta): readable, not flickering. */
export function PatrolRoster() {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const [rows, setRows] = useState<PatrolState[]>([]);
  const fit = useFittingRows(box, rows.length > 0);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    const refresh = () => {
      const list = Array.from(wallStore.getState().view.patrols.values());
      list.sort((a, b) => ORDER[a.status] - ORDER[b.status] || a.unitId.localeCompare(b.unitId));
      setRows(list);
      setNow(Date.now());
    };
    refresh();
    const id = setInterval(refresh, 1000);
    return () => clearInterval(id);
  }, []);

  return (
    <div className="roster-box" ref={box}>
      {rows.length === 0 ? (
        <p className="roster-empty">{t('roster.empty')}</p>
      ) : (
        <table className="roster" data-testid="roster">
          <thead>
            <tr>
              <th>{t('roster.unit')}</th>
              <th>
                {t('roster.speed')} <small>{t('unit.mps')}</small>
              </th>
              <th>{t('roster.fix')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, fit).map((p) => (
              <tr key={p.unitId} className={`roster-${p.status}`}>
                <td>
                  <i className="legend-dot" style={{ background: STATUS_CSS[p.status] }} />
                  {p.unitId}
                </td>
                <td className="num">{p.speed !== undefined ? p.speed.toFixed(1) : '—'}</td>
                <td className="num">{ago(t, now - p.ts)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
