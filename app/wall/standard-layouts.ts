import type { WallLayout } from './wall-layout';

/**
 * The layouts GridWall ships, for the wall sizes command halls have. Each is a grid (Grafana style); a
 * wider wall gets more panels, not wider ones. Cities add their own as data.
 */
export const STANDARD_LAYOUTS: readonly WallLayout[] = [
  {
    name: 'hd',
    title: { zh: '单屏 1920×1080（值班席）', en: 'Single screen 1920×1080 (duty desk)' },
    columns: 24,
    rows: 12,
    fits: [
      [1920, 1080],
      [2560, 1440],
    ],
    regions: [
      { panel: 'patrols.force', x: 0, y: 0, w: 6, h: 3 },
      { panel: 'patrols.trend', x: 0, y: 3, w: 6, h: 4 },
      { panel: 'reports.feed', x: 0, y: 7, w: 6, h: 5 },
      { panel: 'hall.map', x: 6, y: 0, w: 12, h: 12 },
      { panel: 'cameras.tile', x: 18, y: 0, w: 6, h: 4 },
      // The desk's case figures (today and this month) and its red lights: what the supervisor acts on.
      { panel: 'cases.kpi', x: 18, y: 4, w: 6, h: 4 },
      { panel: 'cases.red-lights', x: 18, y: 8, w: 6, h: 4 },
    ],
  },
  {
    name: 'uhd',
    title: { zh: '4K 大屏 3840×2160', en: '4K wall 3840×2160' },
    columns: 24,
    rows: 12,
    fits: [[3840, 2160]],
    regions: [
      { panel: 'patrols.force', x: 0, y: 0, w: 5, h: 3 },
      { panel: 'patrols.trend', x: 0, y: 3, w: 5, h: 4 },
      { panel: 'reports.feed', x: 0, y: 7, w: 5, h: 5 },
      { panel: 'hall.map', x: 5, y: 0, w: 13, h: 12 },
      { panel: 'cameras.grid', x: 18, y: 0, w: 6, h: 4 },
      { panel: 'cases.kpi', x: 18, y: 4, w: 6, h: 4 },
      { panel: 'cases.red-lights', x: 18, y: 8, w: 6, h: 4 },
    ],
  },
  {
    name: 'wide',
    title: { zh: '拼接大屏 7680×2160（32:9）', en: 'Wide wall 7680×2160 (32:9)' },
    columns: 48,
    rows: 12,
    fits: [
      [7680, 2160],
      [5760, 1080],
      [7680, 1080],
    ],
    regions: [
      // Cases first: the command centre's figures, red lights and feed beside the map; trends and streets under them.
      { panel: 'cases.kpi', x: 0, y: 0, w: 16, h: 3 },
      { panel: 'cases.red-lights', x: 0, y: 3, w: 8, h: 5 },
      { panel: 'cases.feed', x: 8, y: 3, w: 8, h: 5 },
      { panel: 'cases.trend', x: 0, y: 8, w: 8, h: 4 },
      { panel: 'cases.streets', x: 8, y: 8, w: 8, h: 4 },
      // The map pins what its grids show; the metric legend beside it lists the busiest grids of the same.
      { panel: 'hall.map', x: 16, y: 0, w: 16, h: 12, options: { 'grid-layer': 'choropleth', metric: 'reports', window: '7d' } },
      { panel: 'patrols.force', x: 32, y: 0, w: 8, h: 2 },
      { panel: 'cameras.grid', x: 32, y: 2, w: 8, h: 5 },
      { panel: 'grids.legend', x: 32, y: 7, w: 8, h: 5, options: { metric: 'reports', window: '7d' } },
      { panel: 'patrols.coverage', x: 40, y: 0, w: 8, h: 6 },
      { panel: 'patrols.roster', x: 40, y: 6, w: 8, h: 6 },
    ],
  },
  {
    // The map alone: a portrait screen beside the wall, a window of its own (`?layout=map`), the map benchmark.
    name: 'map',
    title: { zh: '全屏地图', en: 'Map only' },
    columns: 1,
    rows: 1,
    fits: [
      [1080, 1920],
      [2160, 3840],
    ],
    regions: [{ panel: 'hall.map', x: 0, y: 0, w: 1, h: 1 }],
  },
  {
    // The statistics wall (`?layout=cases`): every case figure on one 16:9 screen; the map is on the others.
    // Listed after the standard ones, which a 16:9 wall still gets by its size.
    name: 'cases',
    title: { zh: '案件统计（16:9）', en: 'Case statistics (16:9)' },
    columns: 24,
    rows: 12,
    fits: [
      [1920, 1080],
      [3840, 2160],
    ],
    regions: [
      { panel: 'cases.kpi', x: 0, y: 0, w: 24, h: 3 },
      { panel: 'cases.trend', x: 0, y: 3, w: 6, h: 4 },
      { panel: 'cases.funnel', x: 0, y: 7, w: 6, h: 5 },
      { panel: 'cases.sources', x: 6, y: 3, w: 6, h: 4 },
      { panel: 'cases.categories', x: 6, y: 7, w: 6, h: 5 },
      { panel: 'cases.streets', x: 12, y: 3, w: 6, h: 5 },
      { panel: 'cases.departments', x: 12, y: 8, w: 6, h: 4 },
      { panel: 'cases.red-lights', x: 18, y: 3, w: 6, h: 5 },
      { panel: 'cases.feed', x: 18, y: 8, w: 6, h: 4 },
    ],
  },
  {
    // The statistics wall on a 32:9 wall (`?layout=cases-wide`): the figures round the map of open cases by stage,
    // the red lights, and open cases per unit grid (`?case-layer=heatmap` for heat per km²).
    name: 'cases-wide',
    title: { zh: '案件统计（32:9）', en: 'Case statistics (32:9)' },
    columns: 48,
    rows: 12,
    fits: [[7680, 2160]],
    regions: [
      { panel: 'cases.kpi', x: 0, y: 0, w: 16, h: 3 },
      { panel: 'cases.trend', x: 0, y: 3, w: 8, h: 5 },
      { panel: 'cases.funnel', x: 8, y: 3, w: 8, h: 5 },
      { panel: 'cases.sources', x: 0, y: 8, w: 8, h: 4 },
      { panel: 'cases.categories', x: 8, y: 8, w: 8, h: 4 },
      { panel: 'hall.map', x: 16, y: 0, w: 16, h: 12, options: { 'grid-layer': 'none', 'case-layer': 'choropleth' } },
      { panel: 'cases.red-lights', x: 32, y: 0, w: 8, h: 7 },
      { panel: 'cases.feed', x: 32, y: 7, w: 8, h: 5 },
      { panel: 'cases.streets', x: 40, y: 0, w: 8, h: 6 },
      { panel: 'cases.departments', x: 40, y: 6, w: 8, h: 6 },
    ],
  },
  {
    // The CCTV wall (`?layout=cctv`): the hall's split and tour as large as a 16:9 screen allows, with the case
    // feed beside it, where a case captured from a tile appears. Listed last: chosen by name only.
    name: 'cctv',
    title: { zh: '视频墙（16:9）', en: 'CCTV wall (16:9)' },
    columns: 24,
    rows: 12,
    fits: [
      [1920, 1080],
      [3840, 2160],
    ],
    regions: [
      { panel: 'cameras.grid', x: 0, y: 0, w: 18, h: 12 },
      { panel: 'cases.feed', x: 18, y: 0, w: 6, h: 12 },
    ],
  },
  {
    // The CCTV wall on a 32:9 wall (`?layout=cctv-wide`): the split at 16:9 on the left, the map with every
    // camera's view cone, and the case feed and red lights on the right.
    name: 'cctv-wide',
    title: { zh: '视频墙（32:9）', en: 'CCTV wall (32:9)' },
    columns: 48,
    rows: 12,
    fits: [[7680, 2160]],
    regions: [
      { panel: 'cameras.grid', x: 0, y: 0, w: 22, h: 12 },
      { panel: 'hall.map', x: 22, y: 0, w: 16, h: 12, options: { 'grid-layer': 'none' } },
      { panel: 'cases.feed', x: 38, y: 0, w: 10, h: 7 },
      { panel: 'cases.red-lights', x: 38, y: 7, w: 10, h: 5 },
    ],
  },
];
