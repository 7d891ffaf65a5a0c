import type { LocalizedText } from '../../app/city/city';
import { caseStatsChannel } from '../../app/case/case-channels';
import type { KpiTiles } from '../../app/case/kpi';
import { clockTime } from '../i18n/i18n';
import { useI18n } from '../i18n/use-i18n';
import { serverNow, useLatest } from '../live/live-store';
import type { PanelProps } from '../wall/contributions';
import { CaseCardHost } from './CaseCardHost';
import { formatCount, formatRate } from './figures';
import { hallDate } from './time-format';
import { useNow } from '../wall/use-now';

type Kind = 'count' | 'rate' | 'alarm';
const KPIS: ReadonlyArray<{ key: keyof KpiTiles; name: LocalizedText; kind: Kind }> = [
  { key: 'reported', name: { zh: '上报', en: 'Reported' }, kind: 'count' },
  { key: 'filed', name: { zh: '立案', en: 'Filed' }, kind: 'count' },
  { key: 'dispatched', name: { zh: '派遣', en: 'Dispatched' }, kind: 'count' },
  { key: 'handled', name: { zh: '处置', en: 'Handled' }, kind: 'count' },
  { key: 'closed', name: { zh: '结案', en: 'Closed' }, kind: 'count' },
  { key: 'closeRate', name: { zh: '结案率', en: 'Close rate' }, kind: 'rate' },
  { key: 'onTimeCloseRate', name: { zh: '按期结案率', en: 'On-time rate' }, kind: 'rate' },
  { key: 'overdue', name: { zh: '超期', en: 'Overdue' }, kind: 'alarm' },
];
const PERIODS = [
  { key: 'today', name: { zh: '今日', en: 'Today' } },
  { key: 'thisMonth', name: { zh: '本月', en: 'Month' } },
] as const;

/** One figure: counts in tabular digits, rates with a bar on a fixed 0–100 % scale, overdue red when any. */
function Figure({ tiles, k }: { tiles: KpiTiles | undefined; k: (typeof KPIS)[number] }) {
  const { locale } = useI18n();
  if (!tiles) return <span className={`ck-value ck-${k.kind}`}>—</span>;
  const v = tiles[k.key];
  if (k.kind === 'rate') {
    return (
      <span className="ck-value ck-rate">
        {formatRate(v, tiles.filed > 0)}
        <i className="ck-bar">
          <b style={{ width: `${tiles.filed > 0 ? Math.min(100, v * 100) : 0}%` }} />
        </i>
      </span>
    );
  }
  return <span className={`ck-value ck-${k.kind}${k.kind === 'alarm' && v > 0 ? ' ck-on' : ''}`}>{formatCount(v, locale)}</span>;
}

/**
 * Today's and this month's figures (上报 立案 派遣 处置 结案 结案率 按期结案率 超期) as the hall counted
 * them. A wide region lays periods out as rows and figures as columns, a tall one the other way round
 * (a container query: no measuring, so nothing moves as numbers change); digits are tabular with their
 * width reserved. Before the first count, and once the day (month) they counted has ended, figures show a
 * dash in their place.
 */
export function CaseKpis({ city }: PanelProps) {
  const { l, timeZone } = useI18n();
  const stats = useLatest(caseStatsChannel).get('city');
  // Figures of a day or month that has ended are not "today" any more: they give way to a dash until the hall recounts.
  const today = hallDate(serverNow(useNow(30_000)), timeZone);
  const current = { today: stats?.day === today ? stats.today : undefined, thisMonth: stats?.month === today.slice(0, 7) ? stats.thisMonth : undefined };
  const asOf = stats
    ? stats.day === today
      ? l({ zh: '统计于 {t}', en: 'as of {t}' }, { t: clockTime(stats.at, timeZone, false) })
      : l({ zh: '统计日 {d}', en: 'counted {d}' }, { d: stats.day.slice(5) })
    : l({ zh: '暂无统计', en: 'no figures yet' });
  return (
    <div className="case-kpis" data-testid="case-kpis">
      <div className="ck-band">
        <span className="ck-corner">{asOf}</span>
        {KPIS.map((k) => (
          <span key={k.key} className="ck-name">
            {l(k.name)}
          </span>
        ))}
        {PERIODS.map((p) => [
          <span key={p.key} className="ck-period">
            {l(p.name)}
          </span>,
          ...KPIS.map((k) => (
            <span key={`${p.key}-${k.key}`} className="ck-cell" data-testid={`case-kpi-${p.key}-${k.key}`}>
              <Figure tiles={current[p.key]} k={k} />
            </span>
          )),
        ])}
      </div>
      <div className="ck-table">
        <span className="ck-corner">{asOf}</span>
        {PERIODS.map((p) => (
          <span key={p.key} className="ck-period">
            {l(p.name)}
          </span>
        ))}
        {KPIS.map((k) => [
          <span key={k.key} className="ck-name">
            {l(k.name)}
          </span>,
          ...PERIODS.map((p) => (
            <span key={`${p.key}-${k.key}`} className="ck-cell">
              <Figure tiles={current[p.key]} k={k} />
            </span>
          )),
        ])}
      </div>
      <CaseCardHost kind="panel" city={city} />
    </div>
  );
}
