import { useEffect, useRef, useState } from 'react';
import type { PatrolState, PatrolStatus } from '../../app/patrol/patrol';
import { patrolChannel } from '../../app/patrol/patrol-channel';
import { surfaceSilence } from '../access/surface';
import { ago } from '../i18n/i18n';
import { useI18n } from '../i18n/use-i18n';
import { latestNow, serverNow } from '../live/live-store';
import type { PanelProps } from '../wall/contributions';
import { useFittingRows } from '../wall/use-fitting-rows';
import { STATUS_CSS } from './patrol-layers';
import { shownStatus } from './patrol-status';

const ORDER: Record<PatrolStatus, number> = { online: 0, stale: 1, offline: 2 };

interface Row {
  p: PatrolState;
  status: PatrolStatus;
}

/** The patrol list, refreshed once a second (not per delta): readable, not flickering. Shows as many whole rows as fit. */
export function PatrolRoster(_props: PanelProps) {
  const { l, t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const [rows, setRows] = useState<Row[]>([]);
  const [now, setNow] = useState(() => serverNow());
  const fit = useFittingRows(box, 'tbody tr', 'thead', rows.length > 0);

  useEffect(() => {
    const refresh = () => {
      const at = serverNow();
      const silence = surfaceSilence();
      const list = Array.from(latestNow(patrolChannel).values(), (p) => ({ p, status: shownStatus(p, at, silence) }));
      list.sort((a, b) => ORDER[a.status] - ORDER[b.status] || a.p.unitId.localeCompare(b.p.unitId));
      setRows(list);
      setNow(at);
    };
    refresh();
    const id = setInterval(refresh, 1000);
    return () => clearInterval(id);
  }, []);

  return (
    <div className="roster-box" ref={box}>
      {rows.length === 0 ? (
        <p className="roster-empty">{l({ zh: '暂无巡查终端上线', en: 'No patrol terminal online yet' })}</p>
      ) : (
        <table className="roster" data-testid="roster">
          <thead>
            <tr>
              <th>{l({ zh: '终端', en: 'Terminal' })}</th>
              <th>
                {l({ zh: '速度', en: 'Speed' })} <small>{l({ zh: '米/秒', en: 'm/s' })}</small>
              </th>
              <th>{l({ zh: '最近定位', en: 'Last fix' })}</th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, fit).map(({ p, status }) => (
              <tr key={p.unitId} className={`roster-${status}`}>
                <td>
                  <i className="legend-dot" style={{ background: STATUS_CSS[status] }} />
                  {p.unitId}
                </td>
                <td className="num">{p.speed !== undefined && status === 'online' ? p.speed.toFixed(1) : '—'}</td>
                <td className="num">{ago(t, now - p.seenAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
