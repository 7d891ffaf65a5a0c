import { useShallow } from 'zustand/react/shallow';
import { countByStatus } from '../../app/patrol/patrol';
import { useI18n } from '../i18n/use-i18n';
import { useWall } from '../live/live-store';

/** Head-count tiles: how many inspectors are out there right now. */
export function FieldForce() {
  const { t } = useI18n();
  const counts = useWall(useShallow((s) => ({ ...countByStatus(s.view.patrols.values()), total: s.view.patrols.size })));
  const tiles = [
    { key: 'online', label: t('kpi.online'), value: counts.online, tone: 'good' },
    { key: 'stale', label: t('kpi.stale'), value: counts.stale, tone: counts.stale ? 'warn' : 'calm' },
    { key: 'offline', label: t('kpi.offline'), value: counts.offline, tone: 'muted' },
    { key: 'total', label: t('kpi.total'), value: counts.total, tone: 'calm' },
  ] as const;
  return (
    <div className="kpis">
      {tiles.map((k) => (
        <div key={k.key} className={`kpi kpi-${k.tone}`} data-testid={`kpi-${k.key}`}>
          <span className="kpi-label">{k.label}</span>
          <span className="kpi-value">{k.value}</span>
        </div>
      ))}
    </div>
  );
}
