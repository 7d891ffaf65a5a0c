import { useRef } from 'react';
import { categoryName } from '../../app/catalogue/categories';
import { reportChannel } from '../../app/report/report-channel';
import { clockTime } from '../i18n/i18n';
import { useI18n } from '../i18n/use-i18n';
import { useRecent } from '../live/live-store';
import type { PanelProps } from '../wall/contributions';
import { useFittingRows } from '../wall/use-fitting-rows';

/** The latest inspector reports (监督员上报), newest first: what the field is finding right now. */
export function ReportFeed({ city }: PanelProps) {
  const { l, locale, timeZone } = useI18n();
  const reports = useRecent(reportChannel);
  const box = useRef<HTMLDivElement>(null);
  const fit = useFittingRows(box, 'li', undefined, reports.length > 0);
  // A feed row is short: 黑石头社区 reads as 黑石头, the administrative suffix adds nothing there.
  const placeName = (code: string | undefined) => (city.places.find((p) => p.code === code)?.shortName ?? '—').replace(/(社区|村)$/, '');
  return (
    <div className="feed-box" ref={box}>
      {reports.length === 0 ? (
        <p className="feed-empty">{l({ zh: '暂无上报', en: 'No reports yet' })}</p>
      ) : (
        <ul className="feed" data-testid="report-feed">
          {reports.slice(0, fit).map((r) => (
            <li key={r.id}>
              <time>{clockTime(r.receivedAt, timeZone, false)}</time>
              <strong>{categoryName(r.category, locale)}</strong>
              <span>{placeName(r.community ?? r.street)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
