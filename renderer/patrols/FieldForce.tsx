import { patrolChannel } from '../../app/patrol/patrol-channel';
import { surfaceSilence } from '../access/surface';
import { useI18n } from '../i18n/use-i18n';
import { serverNow, useLatest } from '../live/live-store';
import { useNow } from '../wall/use-now';
import type { PanelProps } from '../wall/contributions';
import { countShown } from './patrol-status';

const LABELS = {
  online: { zh: '在线', en: 'Online' },
  stale: { zh: '信号延迟', en: 'Delayed' },
  offline: { zh: '离线', en: 'Offline' },
  total: { zh: '终端总数', en: 'Terminals' },
} as const;

/** Head-count tiles: how many inspectors are out there right now (aged on the wall's clock). */
export function FieldForce(_props: PanelProps) {
  const { l } = useI18n();
  const patrols = useLatest(patrolChannel);
  const now = useNow(1000);
  const counts = countShown(patrols.values(), serverNow(now), surfaceSilence());
  const tiles = [
    { key: 'online', value: counts.online, tone: 'good' },
    { key: 'stale', value: counts.stale, tone: counts.stale ? 'warn' : 'calm' },
    { key: 'offline', value: counts.offline, tone: 'muted' },
    { key: 'total', value: patrols.size, tone: 'calm' },
  ] as const;
  return (
    <div className="kpis">
      {tiles.map((k) => (
        <div key={k.key} className={`kpi kpi-${k.tone}`} data-testid={`kpi-${k.key}`}>
          <span className="kpi-label">{l(LABELS[k.key])}</span>
          <span className="kpi-value">{k.value}</span>
        </div>
      ))}
    </div>
  );
}
