import { coverageChannel, focusChannel, gridStatsChannel } from '../../app/grid/grid-channels';
import { latestNow, onChannel } from '../live/live-store';
import type { MapLayerContribution, RendererModule } from '../wall/contributions';
import { FocusBanner } from './FocusBanner';
import { loadGridData } from './grid-data';
import { attachGridMap } from './grid-map';
import { GridLegend } from './GridLegend';
import { GridStatsPanel } from './GridStatsPanel';
import { heatLayers } from './heat-layer';
import { heatPoints } from './heat-points';
import './grids.css';

/**
 * The unit-grid map (网格监管一张图): places and grids by zoom in maplibre, the grid fill (counts, heat or
 * coverage) and the focus. Draws deck layers only for the heatmap; the rest is native maplibre.
 */
const gridMapLayer: MapLayerContribution = {
  id: 'grids',
  order: 10,
  layers: heatLayers,
  watch: (changed) => {
    // The heat layer follows its points and the colour domains; a count that leaves them alone draws nothing.
    let domains = '';
    const onStats = () => {
      let key = '';
      for (const [k, s] of latestNow(gridStatsChannel)) key += `${k}=${s.domain.join()};`;
      if (key !== domains) changed();
      domains = key;
    };
    const offs = [heatPoints.subscribe(changed), onChannel(gridStatsChannel, onStats)];
    return () => offs.forEach((off) => off());
  },
  mapLibre: (host) => {
    const { city } = host.context();
    void loadGridData(city);
    return attachGridMap(host, city);
  },
  overlays: [
    { placement: 'legend', component: GridLegend },
    { placement: 'top', component: FocusBanner },
  ],
};

export const gridsModule: RendererModule = {
  name: 'grids',
  channels: [gridStatsChannel, focusChannel, coverageChannel],
  panels: [{ id: 'grids.legend', title: { zh: '网格热度', en: 'Grid hotspots' }, component: GridStatsPanel }],
  mapLayers: [gridMapLayer],
};
