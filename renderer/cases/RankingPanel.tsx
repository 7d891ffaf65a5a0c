import { useRef } from 'react';
import type { CityInfo } from '../../app/city/city';
import { caseStatsChannel } from '../../app/case/case-channels';
import type { KpiRow } from '../../app/case/kpi';
import { useI18n } from '../i18n/use-i18n';
import { useLatest } from '../live/live-store';
import type { PanelProps } from '../wall/contributions';
import { useFittingRows } from '../wall/use-fitting-rows';
import { CaseCardHost } from './CaseCardHost';
import { placeName } from './case-names';
import { formatCount, formatRate, formatScore, GRADE_COLOURS } from './figures';

/**
 * A ranking by 综合指标值 (0–100, on a fixed scale) with its grade (A–E), best first as the hall ranks
 * it: rank, name, score bar, score, grade, and — where the region is wide enough (a container query) —
 * 结案率 and 超期. Rows have a fixed height; a short region shows fewer rows, never squashed ones.
 */
function Ranking({ rows, city, testId, names }: { rows: readonly KpiRow[] | undefined; city: CityInfo; testId: string; names: (r: KpiRow) => string }) {
  const { l, locale } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const fit = useFittingRows(box, '.cr-row', '.cr-head', (rows?.length ?? 0) > 0);
  return (
    <div className="case-rank" ref={box} data-testid={testId}>
      <div className="cr-head">
        <span>#</span>
        <span>{l({ zh: '名称', en: 'Name' })}</span>
        <span className="cr-score-head">{l({ zh: '综合指标值', en: 'Score' })}</span>
        <span>{l({ zh: '等级', en: 'Grade' })}</span>
        <span className="cr-extra">{l({ zh: '结案率', en: 'Closed' })}</span>
        <span className="cr-extra">{l({ zh: '超期', en: 'Overdue' })}</span>
      </div>
      {!rows && <p className="case-empty">{l({ zh: '暂无统计', en: 'No figures yet' })}</p>}
      {rows?.slice(0, fit).map((r, i) => (
        <div className="cr-row" key={r.key}>
          <span className="cr-rank">{i + 1}</span>
          <span className="cr-name">{names(r)}</span>
          <span className="cr-bar">
            <b style={{ width: `${Math.min(100, Math.max(0, r.score))}%`, background: GRADE_COLOURS[r.grade] }} />
          </span>
          <span className="cr-score">{formatScore(r.score)}</span>
          <span className="cr-grade" style={{ color: GRADE_COLOURS[r.grade], borderColor: GRADE_COLOURS[r.grade] }}>
            {r.grade}
          </span>
          <span className="cr-extra">{formatRate(r.closeRate, r.filed > 0)}</span>
          <span className={`cr-extra${r.overdue > 0 ? ' cr-alarm' : ''}`}>{formatCount(r.overdue, locale)}</span>
        </div>
      ))}
      <CaseCardHost kind="panel" city={city} />
    </div>
  );
}

/** Streets (街道) ranked by 综合指标值 this month. */
export function StreetRanking({ city }: PanelProps) {
  const rows = useLatest(caseStatsChannel).get('city')?.streets;
  return <Ranking rows={rows} city={city} testId="case-streets" names={(r) => placeName(city, r.key) ?? r.name} />;
}

/** Departments (专业部门) ranked by 综合指标值 this month. */
export function DepartmentRanking({ city }: PanelProps) {
  const rows = useLatest(caseStatsChannel).get('city')?.departments;
  return <Ranking rows={rows} city={city} testId="case-departments" names={(r) => r.name} />;
}
