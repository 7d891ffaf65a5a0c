import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/use-i18n';
import { useWall } from '../live/live-store';

function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}

function formatTime(t: number, timeZone: string): string {
  return new Intl.DateTimeFormat('zh-CN', { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }).format(t);
}

/** Connection state in words and colour: a wall that is not live says so, and since when. */
function ConnectionPill() {
  const { t, timeZone } = useI18n();
  const c = useWall((s) => s.connection);
  const label =
    c.state === 'live' ? t('conn.live') : c.state === 'connecting' ? t('conn.connecting') : t('conn.reconnecting', { since: formatTime(c.since, timeZone) });
  return (
    <div className={`conn conn-${c.state}`} data-testid="connection" data-state={c.state} role="status">
      <i />
      {label}
    </div>
  );
}

export function Header({ title, scopeNames }: { title: string; scopeNames?: string[] }) {
  const { locale, timeZone } = useI18n();
  const now = useNow(1000);
  const date = new Intl.DateTimeFormat(locale, { timeZone, year: 'numeric', month: 'long', day: 'numeric', weekday: 'long' }).format(now);
  return (
    <header className="wall-header">
      <div className="header-side">
        <ConnectionPill />
        {scopeNames && (
          <span className="scope-pill" data-testid="scope">
            {scopeNames.join(' · ')}
          </span>
        )}
      </div>
      <h1>{title}</h1>
      <div className="header-side header-clock">
        <span className="date">{date}</span>
        <time className="clock" data-testid="clock">
          {formatTime(now, timeZone)}
        </time>
      </div>
    </header>
  );
}
