import { useMemo, useRef } from 'react';
import type { LocalizedText } from '../../app/city/city';
import { CASE_SOURCES, type CaseSource } from '../../app/case/case';
import { caseStatsChannel } from '../../app/case/case-channels';
import { useI18n } from '../i18n/use-i18n';
import { useLatest } from '../live/live-store';
import type { PanelProps } from '../wall/contributions';
import { useFittingRows } from '../wall/use-fitting-rows';
import { CaseCardHost } from './CaseCardHost';
import { formatCount, niceMax } from './figures';
import { useCategoryName } from './case-names';
import { useChart } from './use-chart';

/** Short names for a narrow row (the full ones are in app/case/case.ts). */
const SHORT_NAMES: Readonly<Record<CaseSource, LocalizedText>> = {
  inspector: { zh: '监督员', en: 'Inspector' },
  video: { zh: '视频', en: 'Video' },
  'hotline-12345': { zh: '12345', en: '12345' },
  'hotline-12319': { zh: '12319', en: '12319' },
  'public-app': { zh: '随手拍', en: 'Public app' },
  assigned: { zh: '上级交办', en: 'Assigned' },
  sensor: { zh: '物联感知', en: 'Sensor' },
};

const SOURCE_COLOURS: Readonly<Record<CaseSource, string>> = {
  inspector: '#35d0ff',
  video: '#be8cff',
  'hotline-12345': '#ffc400',
  'hotline-12319': '#ff9f43',
  'public-app': '#2effaa',
  assigned: '#ff8ad8',
  sensor: '#8fb3d9',
};

/**
 * This month's cases by source: a ring in a fixed order (sources never swap places as counts change) and
 * the same sources as rows with count and share. Most come from inspectors (often > 90 %).
 */
export function SourcesPanel({ city }: PanelProps) {
  const { l, locale } = useI18n();
  const sources = useLatest(caseStatsChannel).get('city')?.sources;
  const rows = useMemo(() => {
    const by = new Map((sources ?? []).map((x) => [x.source, x.n]));
    const total = [...by.values()].reduce((a, b) => a + b, 0);
    return { total, list: CASE_SOURCES.map((s) => ({ source: s, n: by.get(s) ?? 0, share: total ? (by.get(s) ?? 0) / total : 0 })) };
  }, [sources]);
  const data = useMemo(() => ({ series: [{ data: rows.list.map((r) => ({ name: r.source, value: r.n, itemStyle: { color: SOURCE_COLOURS[r.source] } })) }] }), [rows]);
  const el = useChart(() => ({ series: [{ type: 'pie', radius: ['52%', '86%'], center: ['50%', '50%'], silent: true, label: { show: false }, labelLine: { show: false }, itemStyle: { borderColor: '#071529', borderWidth: 2 }, data: [] }] }), data, 'ring');
  const box = useRef<HTMLDivElement>(null);
  const fit = useFittingRows(box, '.cs-row');
  return (
    <div className="case-sources" data-testid="case-sources">
      <div ref={el} className="cs-ring" />
      <div className="cs-list" ref={box}>
        {rows.list.slice(0, fit).map((r) => (
          <div className="cs-row" key={r.source}>
            <i style={{ background: SOURCE_COLOURS[r.source] }} />
            <span className="cs-name">{l(SHORT_NAMES[r.source])}</span>
            <span className="cs-n">{sources ? formatCount(r.n, locale) : '—'}</span>
            <span className="cs-share">{sources && rows.total ? `${Math.round(r.share * 100)}%` : ''}</span>
          </div>
        ))}
      </div>
      <CaseCardHost kind="panel" city={city} />
    </div>
  );
}

/** This month's top classes (小类), most first, bars on a 1-2-5 scale that does not jump with every case. */
export function CategoriesPanel({ city }: PanelProps) {
  const { l, locale } = useI18n();
  const categories = useLatest(caseStatsChannel).get('city')?.categories;
  const name = useCategoryName();
  const rows = [...(categories ?? [])].sort((a, b) => b.n - a.n || a.category.localeCompare(b.category));
  const max = niceMax(rows[0]?.n ?? 0);
  const box = useRef<HTMLDivElement>(null);
  const fit = useFittingRows(box, '.cb-row', undefined, rows.length > 0);
  return (
    <div className="case-bars" ref={box} data-testid="case-categories">
      {categories && rows.length === 0 && <p className="case-empty">{l({ zh: '本月暂无案件', en: 'No cases this month' })}</p>}
      {!categories && <p className="case-empty">{l({ zh: '暂无统计', en: 'No figures yet' })}</p>}
      {rows.slice(0, fit).map((r, i) => (
        <div className="cb-row" key={r.category}>
          <span className="cb-rank">{i + 1}</span>
          <span className="cb-name">{name(r.category)}</span>
          <span className="cb-bar">
            <b style={{ width: `${(r.n / max) * 100}%` }} />
          </span>
          <span className="cb-n">{formatCount(r.n, locale)}</span>
        </div>
      ))}
      <CaseCardHost kind="panel" city={city} />
    </div>
  );
}
