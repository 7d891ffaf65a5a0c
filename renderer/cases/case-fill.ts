import { HeatmapLayer } from '@deck.gl/aggregation-layers';
import type { Layer } from '@deck.gl/core';
import { caseChannel, type CaseMark } from '../../app/case/case-channels';
import { latestNow, linkStore, onChannel } from '../live/live-store';
import { colorClasses, GRID_PALETTE, heatParams, stepExpression } from '../grids/color-scale';
import { FeatureStateKey } from '../grids/feature-states';
import { GRID_SOURCES } from '../grids/grid-style';
import { inBand, MAP_BANDS, type MapHost, type MapLayerContext } from '../wall/contributions';
import { caseDomain, caseFillMode, densestSquareKm, HEAT_CELL_M2 } from './case-fill-mode';
import { openPerGrid } from './case-marks';
import { niceMax } from './figures';

/** The case choropleth's maplibre layer: on the grids' source and palette, with its own feature-state key. */
export const CASE_FILL = 'gridwall-case-fill';

/** The choropleth in maplibre: one fill layer, repainted only in the grids whose count changed. */
export function attachCaseFill(host: MapHost): () => void {
  const { map } = host;
  if (caseFillMode(location.search, host.context().options) !== 'choropleth' || !map.getSource(GRID_SOURCES.grids)) return () => undefined;
  map.addLayer({ id: CASE_FILL, type: 'fill', source: GRID_SOURCES.grids, paint: { 'fill-color': 'rgba(0,0,0,0)', 'fill-opacity': 0.72 } }, MAP_BANDS.fills);
  const states = new FeatureStateKey<number>(map, GRID_SOURCES.grids, 'cases');
  let paintKey = '';
  const show = () => {
    const counts = openPerGrid(latestNow(caseChannel).values());
    const classes = colorClasses(caseDomain(counts));
    const key = JSON.stringify(classes);
    if (key !== paintKey) map.setPaintProperty(CASE_FILL, 'fill-color', stepExpression(classes, 'cases'));
    paintKey = key;
    states.show(counts);
  };
  const showStale = () => map.setPaintProperty(CASE_FILL, 'fill-opacity', linkStore.getState().connection.state === 'live' ? 0.72 : 0.3);
  show();
  showStale();
  const offs = [onChannel(caseChannel, show), linkStore.subscribe((s, prev) => void (s.connection.state !== prev.connection.state && showStale()))];
  return () => offs.forEach((off) => off());
}

type Binary = { length: number; attributes: { getPosition: { value: Float64Array; size: 2 } } };
let heat: { marks: ReadonlyMap<string, CaseMark>; toMap: MapLayerContext['toMap']; data: Binary } | undefined;

/** The heatmap of open cases, on the grids' palette, scaled per square kilometre (the legend says so). */
export function caseHeatLayers(ctx: MapLayerContext): Layer[] {
  if (caseFillMode(location.search, ctx.options) !== 'heatmap') return [];
  const marks = latestNow(caseChannel);
  if (!marks.size) return [];
  if (heat?.marks !== marks || heat.toMap !== ctx.toMap) {
    const coords = new Float64Array(marks.size * 2);
    let i = 0;
    for (const m of marks.values()) coords.set(ctx.toMap(m.lon, m.lat), 2 * i++);
    heat = { marks, toMap: ctx.toMap, data: { length: marks.size, attributes: { getPosition: { value: coords, size: 2 } } } };
  }
  const lat = (ctx.city.bounds[1] + ctx.city.bounds[3]) / 2;
  const zoom = Math.round(ctx.zoom * 4) / 4;
  const p = heatParams(zoom, lat, ctx.scale, [0, niceMax(densestSquareKm(marks.values()))], HEAT_CELL_M2);
  return [
    new HeatmapLayer({
      id: 'case-heat',
      data: heat.data,
      radiusPixels: p.radiusPixels,
      colorDomain: p.colorDomain,
      colorRange: GRID_PALETTE as Array<[number, number, number]>,
      aggregation: 'SUM',
      opacity: ctx.stale ? 0.3 : 0.8,
      ...inBand('fills'),
      updateTriggers: { all: p.colorDomain.join() },
    }),
  ];
}
