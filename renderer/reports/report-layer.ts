import { ScatterplotLayer } from '@deck.gl/layers';
import type { ReportState } from '../../app/report/inspector-report';
import { reportChannel } from '../../app/report/report-channel';
import { onChannel, recentNow } from '../live/live-store';
import type { MapLayerContext, MapLayerContribution } from '../wall/contributions';

const CORAL: [number, number, number, number] = [255, 110, 80, 235];

/** Recent inspector reports as coral rings where they were filed, in the map's display CRS. */
function reportLayers(ctx: MapLayerContext) {
  const s = Math.max(0.5, ctx.scale);
  return [
    new ScatterplotLayer<ReportState>({
      id: 'reports',
      data: recentNow(reportChannel) as ReportState[],
      getPosition: (r) => ctx.toMap(r.lon, r.lat),
      getLineColor: CORAL,
      getFillColor: [255, 110, 80, 50],
      stroked: true,
      radiusUnits: 'pixels',
      getRadius: 9 * s,
      lineWidthUnits: 'pixels',
      getLineWidth: 2.5 * s,
      opacity: ctx.stale ? 0.35 : 1,
      updateTriggers: { getPosition: ctx.toMap },
      parameters: { depthCompare: 'always' },
    }),
  ];
}

export const reportMapLayer: MapLayerContribution = {
  id: 'reports',
  order: 50,
  layers: reportLayers,
  watch: (changed) => onChannel(reportChannel, changed),
  legend: [{ color: 'rgb(255,110,80)', label: { zh: '巡查上报', en: 'Report' } }],
};
