import { categoryName } from '../../app/catalogue/categories';
import { reportChannel } from '../../app/report/report-channel';
import { useI18n } from '../i18n/use-i18n';
import { useRecent } from '../live/live-store';
import type { PanelProps } from '../wall/contributions';
import { RankBars } from './RankBars';
import { countBy } from './report-counts';

const EMPTY = { zh: '暂无上报', en: 'No reports yet' };

/** What the field reports most, among the recent reports. */
export function ReportsByCategory(_props: PanelProps) {
  const { l, locale } = useI18n();
  const rows = countBy(useRecent(reportChannel), (r) => r.category).map((x) => ({ ...x, label: categoryName(x.key, locale) }));
  return <RankBars rows={rows} empty={l(EMPTY)} testId="reports-by-category" />;
}

/** Where the recent reports come from, by street. */
export function ReportsByStreet({ city }: PanelProps) {
  const { l } = useI18n();
  const rows = countBy(useRecent(reportChannel), (r) => r.street).map((x) => ({ ...x, label: city.places.find((p) => p.code === x.key)?.shortName ?? x.key }));
  return <RankBars rows={rows} empty={l(EMPTY)} testId="reports-by-street" />;
}
