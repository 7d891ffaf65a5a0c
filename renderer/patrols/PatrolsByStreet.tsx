import { useRef } from 'react';
import type { PatrolStatus } from '../../app/patrol/patrol';
import { patrolChannel } from '../../app/patrol/patrol-channel';
import { surfaceSilence } from '../access/surface';
import { serverNow, useLatest } from '../live/live-store';
import type { PanelProps } from '../wall/contributions';
import { useFittingRows } from '../wall/use-fitting-rows';
import { useNow } from '../wall/use-now';
import { shownStatus } from './patrol-status';

/** Field force per street (街道): who is out where, online first. Whole rows only; place names stay Chinese. */
export function PatrolsByStreet({ city, scope }: PanelProps) {
  const patrols = useLatest(patrolChannel);
  const now = serverNow(useNow(1000));
  const box = useRef<HTMLDivElement>(null);
  const silence = surfaceSilence();
  const streets = city.places.filter((p) => p.level === 'street' && (!scope?.streets || scope.streets.includes(p.code)));
  const counts = new Map<string, Record<PatrolStatus, number>>(streets.map((s) => [s.code, { online: 0, stale: 0, offline: 0 }]));
  for (const p of patrols.values()) {
    const c = p.street ? counts.get(p.street) : undefined;
    if (c) c[shownStatus(p, now, silence)]++;
  }
  const rows = streets.map((s) => ({ s, c: counts.get(s.code) ?? { online: 0, stale: 0, offline: 0 } })).sort((a, b) => b.c.online - a.c.online || a.s.code.localeCompare(b.s.code));
  const max = Math.max(1, ...rows.map((r) => r.c.online + r.c.stale + r.c.offline));
  const fit = useFittingRows(box, '.street-row', undefined, rows.length > 0);
  return (
    <div className="by-street" ref={box} data-testid="patrols-by-street">
      {rows.slice(0, fit).map(({ s, c }) => (
        <div className="street-row" key={s.code}>
          <span className="street-name">{s.shortName}</span>
          <span className="street-bar">
            <i className="seg-online" style={{ width: `${(c.online / max) * 100}%` }} />
            <i className="seg-stale" style={{ width: `${(c.stale / max) * 100}%` }} />
            <i className="seg-offline" style={{ width: `${(c.offline / max) * 100}%` }} />
          </span>
          <span className="street-count">{c.online}</span>
        </div>
      ))}
    </div>
  );
}
