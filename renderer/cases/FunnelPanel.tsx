import { caseStatsChannel } from '../../app/case/case-channels';
import type { KpiTiles } from '../../app/case/kpi';
import type { EChartsCoreOption } from 'echarts/core';
import type { Locale } from '../i18n/messages';
import { useI18n } from '../i18n/use-i18n';
import { useLatest } from '../live/live-store';
import { chartText } from '../theme/chart-theme';
import type { PanelProps } from '../wall/contributions';
import { CaseCardHost } from './CaseCardHost';
import { css, GROUP_INFO } from './case-marks';
import { formatCount } from './figures';
import { flowFunnel, FLOW_NAMES, FLOW_STEPS, groupCounts } from './funnel';
import { useChart } from './use-chart';

const STEP_COLOURS = ['#35d0ff', '#3aa8ff', '#5b8cff', '#7d74ff', '#2effaa'];

let lastData: { tiles: KpiTiles | undefined; locale: Locale; data: EChartsCoreOption } | undefined;

/** The funnel's series data, the same object while the figures are the same (the chart is updated only on a change). */
function funnelData(tiles: KpiTiles | undefined, locale: Locale): EChartsCoreOption {
  if (lastData && lastData.tiles === tiles && lastData.locale === locale) return lastData.data;
  const steps = tiles ? flowFunnel(tiles) : FLOW_STEPS.map((step) => ({ step, n: 0, width: 0, ofPrev: null }));
  const points = steps.map((s, i) => ({ name: locale === 'en' ? FLOW_NAMES[s.step].en : FLOW_NAMES[s.step].zh, value: s.width * 100, n: s.n, ofPrev: s.ofPrev, itemStyle: { color: STEP_COLOURS[i] } }));
  const data = { series: [{ data: points }, { data: points }] };
  lastData = { tiles, locale, data };
  return data;
}

/**
 * The stage funnel: this month's (or today's, `period: today`) cases through 上报 → 立案 → 派遣 → 处置 →
 * 结案, each step's share of the one before inside it; under it, the open cases by stage group in the
 * map's colours. The funnel's scale is its own widest step and its layout is fixed: numbers change, the
 * chart does not move.
 */
export function FunnelPanel({ city, options }: PanelProps) {
  const { l, locale } = useI18n();
  const stats = useLatest(caseStatsChannel).get('city');
  const open = groupCounts(stats?.stages ?? []);
  const tiles = options.period === 'today' ? stats?.today : stats?.thisMonth;
  const data = funnelData(tiles, locale);
  const el = useChart(
    (s) => {
      const text = chartText(s);
      // Both series draw the same funnel: the second only carries the step-to-step shares.
      const shape = {
        type: 'funnel' as const,
        sort: 'none' as const,
        min: 0,
        max: 100,
        minSize: '22%',
        maxSize: '100%',
        left: '40%',
        right: 6 * s,
        top: 4 * s,
        bottom: 4 * s,
        gap: 3 * s,
        silent: true,
      };
      return {
        series: [
          {
            ...shape,
            label: {
              position: 'left',
              ...text,
              color: '#e6f3ff',
              formatter: (p: { name: string; data: { n: number } }) => `${p.name}  {n|${formatCount(p.data.n, locale)}}`,
              rich: { n: { ...text, color: '#ffffff', fontWeight: 700, fontSize: Math.round(text.fontSize * 1.15) } },
            },
            labelLine: { show: false },
            itemStyle: { borderWidth: 0 },
            data: [],
          },
          {
            // The step-to-step shares, inside the funnel (a second, label-only series over the first).
            ...shape,
            itemStyle: { color: 'transparent', borderWidth: 0 },
            label: {
              position: 'inside',
              ...text,
              color: '#04121f',
              fontWeight: 700,
              formatter: (p: { data: { ofPrev: number | null } }) => (p.data.ofPrev === null ? '' : `${Math.round(p.data.ofPrev * 100)}%`),
            },
            data: [],
          },
        ],
      };
    },
    data,
    locale,
  );
  return (
    <div className="case-funnel" data-testid="case-funnel">
      <div ref={el} className="case-chart" />
      <div className="cf-open">
        <span className="cf-chip cf-total">
          <span>{l({ zh: '在办', en: 'Open' })}</span>
          <b>{stats ? formatCount(open.total, locale) : '—'}</b>
        </span>
        {open.groups.map((g) => (
          <span key={g.group} className="cf-chip">
            <i style={{ background: css(GROUP_INFO[g.group].rgb) }} />
            <span>{l(GROUP_INFO[g.group].name)}</span>
            <b>{stats ? formatCount(g.n, locale) : '—'}</b>
          </span>
        ))}
      </div>
      <CaseCardHost kind="panel" city={city} />
    </div>
  );
}
