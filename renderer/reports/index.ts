import { reportChannel } from '../../app/report/report-channel';
import type { RendererModule } from '../wall/contributions';
import { reportMapLayer } from './report-layer';
import { ReportFeed } from './ReportFeed';
import { ReportsByCategory, ReportsByStreet } from './ReportRanks';
import './reports.css';

/** Inspector reports (巡查上报): the live feed, rankings by category and street, rings on the map. */
export const reportsModule: RendererModule = {
  name: 'reports',
  channels: [reportChannel],
  panels: [
    { id: 'reports.feed', title: { zh: '巡查上报', en: 'Inspector reports' }, component: ReportFeed },
    { id: 'reports.by-category', title: { zh: '上报问题分类', en: 'Reports by category' }, component: ReportsByCategory },
    { id: 'reports.by-street', title: { zh: '各街道上报', en: 'Reports by street' }, component: ReportsByStreet },
  ],
  mapLayers: [reportMapLayer],
};
