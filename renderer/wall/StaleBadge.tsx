import { ago, clockTime } from '../i18n/i18n';
import { useI18n } from '../i18n/use-i18n';
import { useLink } from '../live/live-store';
import { useNow } from './use-now';

/** Whether the live data on screen is current: false as soon as the link to the hall is not live. */
export function useStale(): boolean {
  return useLink((s) => s.connection.state !== 'live');
}

/** "数据停在 14:02:11 · 2 分钟前": how old the data on a panel is, while the link is down. */
export function StaleBadge() {
  const { t, timeZone } = useI18n();
  const stale = useStale();
  // Read only while stale: every message moves lastMessageAt, and a live panel need not re-render for it.
  const last = useLink((s) => (s.connection.state !== 'live' ? s.lastMessageAt : 0));
  const now = useNow(1000, stale);
  if (!stale) return null;
  return (
    <div className="stale-badge" data-testid="stale-badge">
      {last ? t('stale.badge', { at: clockTime(last, timeZone), ago: ago(t, now - last) }) : t('conn.connecting')}
    </div>
  );
}
