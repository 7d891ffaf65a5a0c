import { coverageChannel } from '../../app/grid/grid-channels';
import { patrolChannel } from '../../app/patrol/patrol-channel';
import type { RendererModule } from '../wall/contributions';
import { CoveragePanel } from './CoveragePanel';
import { FieldForce } from './FieldForce';
import { OnlineTrendChart } from './OnlineTrendChart';
import { patrolMapLayer } from './patrol-layers';
import { PatrolRoster } from './PatrolRoster';
import { PatrolsByStreet } from './PatrolsByStreet';
import { replayMapLayer } from './replay-layer';
import './patrols.css';

/** Patrols (巡查): head counts, the online trend, the roster, per-street field force, coverage, and on the map dots, trails and replay. */
export const patrolsModule: RendererModule = {
  name: 'patrols',
  channels: [patrolChannel, coverageChannel],
  panels: [
    { id: 'patrols.force', title: { zh: '巡查力量', en: 'Field force' }, component: FieldForce },
    { id: 'patrols.trend', title: { zh: '在线巡查员 · 近 10 分钟', en: 'Patrols online · last 10 min' }, component: OnlineTrendChart },
    { id: 'patrols.roster', title: { zh: '巡查员动态', en: 'Patrol activity' }, component: PatrolRoster },
    { id: 'patrols.by-street', title: { zh: '各街道巡查力量', en: 'Field force by street' }, component: PatrolsByStreet },
    { id: 'patrols.coverage', title: { zh: '责任网格巡查覆盖 · 今日', en: 'Patrol coverage today' }, component: CoveragePanel },
  ],
  mapLayers: [patrolMapLayer, replayMapLayer],
};
