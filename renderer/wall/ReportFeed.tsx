import { categoryName } from '../../app/catalogue/categories';
import type { CityInfo } from '../../app/city/city';
import { useI18n } from '../i18n/use-i18n';
import { useWall } from '../live/live-store';

/** The latest inspector reports (监督员上报), newest first: what the field is finding right now. */
export function ReportFeed({ city, limit }: { city: CityInfo; limit: number }) {
  const { t, locale, timeZone } = useI18n();
  const reports = useWall((s) => s.view.reports);
  const streetName = (code: string | undefined) => city.places.find((p) => p.code === code)?.shortName ?? '—';
  const time = new Intl.DateTimeFormat('zh-CN', { timeZone, hour: '2-digit', minute: '2-digit', hour12: false });
  if (reports.length === 0) return <p className="feed-empty">{t('reports.empty')}</p>;
  return (
    <ul className="feed" data-testid="report-feed">
      {reports.slice(0, limit).map((r) => (
        <li key={r.id}>
          <time>{time.format(r.receivedAt)}</time>
          <strong>{categoryName(r.category, locale)}</strong>
          <span>{streetName(r.street)}</span>
        </li>
      ))}
    </ul>
  );
}
