import { useMemo } from 'react';
import type { LocalizedText } from '../../app/city/city';
import { caseStatsChannel } from '../../app/case/case-channels';
import { useI18n } from '../i18n/use-i18n';
import { useLatest } from '../live/live-store';
import { chartText } from '../theme/chart-theme';
import type { PanelProps } from '../wall/contributions';
import { CaseCardHost } from './CaseCardHost';
import { niceMax } from './figures';
import { useChart } from './use-chart';

const SERIES: ReadonlyArray<{ key: 'reported' | 'filed' | 'closed'; name: LocalizedText; colour: string }> = [
  { key: 'reported', name: { zh: '上报', en: 'Reported' }, colour: '#35d0ff' },
  { key: 'filed', name: { zh: '立案', en: 'Filed' }, colour: '#ffc400' },
  { key: 'closed', name: { zh: '结案', en: 'Closed' }, colour: '#2effaa' },
];

/**
 * The last 30 days: cases reported, filed and closed per day. The axes are fixed — the plot area is laid
 * out for five-digit counts once, and the top moves only in 1-2-5 steps — so a new day or a new count
 * changes the lines, never the chart around them.
 */
export function TrendPanel({ city }: PanelProps) {
  const { l, locale } = useI18n();
  const trend = useLatest(caseStatsChannel).get('city')?.trend;
  const data = useMemo(() => {
    const days = trend ?? [];
    const top = niceMax(Math.max(0, ...days.flatMap((d) => [d.reported, d.filed, d.closed])));
    return {
      xAxis: { data: days.map((d) => d.day.slice(5)) },
      yAxis: { max: top, interval: top / 5 },
      series: SERIES.map((s) => ({ data: days.map((d) => d[s.key]) })),
    };
  }, [trend]);
  const el = useChart(
    (s) => {
      const text = chartText(s);
      return {
        grid: { left: 64 * s, right: 22 * s, top: 14 * s, bottom: 34 * s, containLabel: false },
        xAxis: {
          type: 'category',
          boundaryGap: false,
          axisLabel: { ...text, interval: 6, margin: 12 * s },
          axisLine: { lineStyle: { color: '#23476f' } },
          axisTick: { show: false },
        },
        yAxis: { type: 'value', min: 0, axisLabel: { ...text, margin: 8 * s }, splitLine: { lineStyle: { color: '#15304f' } } },
        series: SERIES.map((x) => ({ type: 'line', name: x.key, showSymbol: false, lineStyle: { width: 3 * s, color: x.colour }, itemStyle: { color: x.colour }, data: [] })),
      };
    },
    data,
    locale,
  );
  return (
    <div className="case-trend" data-testid="case-trend">
      <div className="ct-legend">
        {SERIES.map((x) => (
          <span key={x.key}>
            <i style={{ background: x.colour }} />
            {l(x.name)}
          </span>
        ))}
      </div>
      <div ref={el} className="case-chart" />
      <CaseCardHost kind="panel" city={city} />
    </div>
  );
}
