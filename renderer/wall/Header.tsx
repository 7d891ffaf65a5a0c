import { useRef } from 'react';
import { clockTime } from '../i18n/i18n';
import { useI18n } from '../i18n/use-i18n';
import { useLink } from '../live/live-store';
import { useFitText } from './use-fit-text';
import { useNow } from './use-now';

/** Connection state in words and colour: a wall that is not live says so, and since when. */
function ConnectionPill() {
  const { t, timeZone } = useI18n();
  const c = useLink((s) => s.connection);
  const label =
    c.state === 'live'
      ? t('conn.live')
      : c.state === 'connecting'
        ? t('conn.connecting')
        : c.state === 'refused'
          ? t('conn.refused')
          : t('conn.reconnecting', { since: clockTime(c.since, timeZone) });
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
  const h1 = useRef<HTMLHeadingElement>(null);
  useFitText(h1, title);
  const date = new Intl.DateTimeFormat(locale, { timeZone, year: 'numeric', month: locale === 'en' ? 'short' : 'long', day: 'numeric', weekday: locale === 'en' ? 'short' : 'long' }).format(now);
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
      <h1 ref={h1} lang={locale}>
        {title}
      </h1>
      <div className="header-side header-clock">
        <span className="date">{date}</span>
        <time className="clock" data-testid="clock">
          {clockTime(now, timeZone)}
        </time>
      </div>
    </header>
  );
}
