import { caseChannel, caseFocusChannel, caseStatsChannel } from '../../app/case/case-channels';
import type { RendererModule } from '../wall/contributions';
import { caseMapLayer } from './case-layer';
import { CaseFeed, RedLights } from './CaseLists';
import { CaseKpis } from './CaseKpis';
import { FunnelPanel } from './FunnelPanel';
import { DepartmentRanking, StreetRanking } from './RankingPanel';
import { CategoriesPanel, SourcesPanel } from './SourcesPanel';
import { TrendPanel } from './TrendPanel';
import './case-figures.css';
import './case-lists.css';
import './case-card.css';

/**
 * Cases (案卷) on the wall — the statistics wall: KPI tiles, the stage funnel, 30-day trends, sources and
 * classes, street and department rankings, the red-light list, the live feed; open cases on the map, red
 * lights pulsing, an optional case fill; the case card on every window. The hall counts; the wall shows.
 */
export const casesModule: RendererModule = {
  name: 'cases',
  channels: [caseChannel, caseStatsChannel, caseFocusChannel],
  panels: [
    { id: 'cases.kpi', title: { zh: '案件指标', en: 'Case figures' }, component: CaseKpis },
    { id: 'cases.funnel', title: { zh: '案件办理漏斗', en: 'Case funnel' }, component: FunnelPanel },
    { id: 'cases.trend', title: { zh: '近30天案件趋势', en: 'Cases, last 30 days' }, component: TrendPanel },
    { id: 'cases.sources', title: { zh: '案件来源（本月）', en: 'Sources (this month)' }, component: SourcesPanel },
    { id: 'cases.categories', title: { zh: '高发问题（本月）', en: 'Top problems (this month)' }, component: CategoriesPanel },
    { id: 'cases.streets', title: { zh: '街道综合评价', en: 'Streets by score' }, component: StreetRanking },
    { id: 'cases.departments', title: { zh: '部门综合评价', en: 'Departments by score' }, component: DepartmentRanking },
    { id: 'cases.red-lights', title: { zh: '超期红灯', en: 'Overdue (red lights)' }, component: RedLights },
    { id: 'cases.feed', title: { zh: '案件动态', en: 'Case feed' }, component: CaseFeed },
  ],
  mapLayers: [caseMapLayer],
};
