import { HeatmapLayer } from '@deck.gl/aggregation-layers';
import type { Layer } from '@deck.gl/core';
import { gridStatsChannel } from '../../app/grid/grid-channels';
import { latestNow } from '../live/live-store';
import { inBand, type MapLayerContext } from '../wall/contributions';
import { GRID_PALETTE, heatParams } from './color-scale';
import { gridData } from './grid-data';
import { gridView, statsKey } from './grid-view';
import { heatPoints } from './heat-points';

type Binary = { length: number; attributes: { getPosition: { value: Float64Array; size: 2 } } };
let binary: Binary | undefined;

/** The points as deck.gl binary data: the same object while they are the same, or deck would re-sum them every frame. */
function pointsData(coords: Float64Array): Binary {
  if (binary?.attributes.getPosition.value !== coords) binary = { length: coords.length / 2, attributes: { getPosition: { value: coords, size: 2 } } };
  return binary;
}

/**
 * The heatmap of the same points the counts come from (deck.gl HeatmapLayer, in the fill band, under
 * the boundaries and names), on the same fixed domain and palette as the choropleth.
 */
export function heatLayers(ctx: MapLayerContext): Layer[] {
  const view = gridView(location.search, ctx.options);
  if (view.layer !== 'heatmap') return [];
  const coords = heatPoints.displayCoords(ctx.toMap);
  if (!coords?.length) return [];
  const stats = latestNow(gridStatsChannel).get(statsKey(view));
  const lat = (ctx.city.bounds[1] + ctx.city.bounds[3]) / 2;
  // Quarter zoom levels: the heat is re-summed when a zoom ends, not for every fraction of one.
  const zoom = Math.round(ctx.zoom * 4) / 4;
  const p = heatParams(zoom, lat, ctx.scale, stats?.domain ?? [0, 10], gridData.getState().index?.meanAreaM2 ?? 10_000);
  return [
    new HeatmapLayer({
      id: 'grid-heat',
      data: pointsData(coords),
      radiusPixels: p.radiusPixels,
      colorDomain: p.colorDomain,
      colorRange: GRID_PALETTE as Array<[number, number, number]>,
      aggregation: 'SUM',
      opacity: ctx.stale ? 0.3 : 0.8,
      ...inBand('fills'),
      // deck re-sums on a new radius, not on a new colour domain alone: say so.
      updateTriggers: { all: p.colorDomain.join() },
    }),
  ];
}
