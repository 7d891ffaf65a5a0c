import { ScatterplotLayer } from '@deck.gl/layers';
import type { PatrolState, PatrolStatus } from '../../app/patrol/patrol';
import { patrolChannel } from '../../app/patrol/patrol-channel';
import { surfaceSilence } from '../access/surface';
import { latestNow, onChannel } from '../live/live-store';
import type { MapLayerContext, MapLayerContribution } from '../wall/contributions';
import { shownStatus } from './patrol-status';

type Rgba = [number, number, number, number];

export const STATUS_COLORS: Record<PatrolStatus, Rgba> = {
  online: [46, 255, 170, 255],
  stale: [255, 196, 0, 255],
  offline: [120, 135, 155, 200],
};

export const STATUS_CSS: Record<PatrolStatus, string> = {
  online: 'rgb(46,255,170)',
  stale: 'rgb(255,196,0)',
  offline: 'rgb(120,135,155)',
};

interface Dot {
  p: PatrolState;
  status: PatrolStatus;
}

let cache: { source: ReadonlyMap<string, PatrolState>; key: string; dots: Dot[] } | undefined;

/** The patrols as drawn: each with the status it shows now. The same array while nothing changed (deck re-uploads only on a new one). */
function dots(now: number): { dots: Dot[]; key: string } {
  const source = latestNow(patrolChannel);
  const silence = surfaceSilence();
  let key = '';
  const list: Dot[] = [];
  for (const p of source.values()) {
    const status = shownStatus(p, now, silence);
    key += status[0];
    list.push({ p, status });
  }
  if (cache && cache.source === source && cache.key === key) return cache;
  cache = { source, key, dots: list };
  return cache;
}

/**
 * Live patrols: a soft halo plus a bright core, sized with the wall's UI scale (1 at a 1080-line console,
 * 2 on a 2160-line wall) so they read from across the hall. Dimmed while the link is down.
 */
export function patrolLayers(ctx: MapLayerContext) {
  const scale = Math.max(0.5, ctx.scale);
  const { dots: data, key } = dots(ctx.now);
  const alpha = ctx.stale ? 0.35 : 1;
  return [
    new ScatterplotLayer<Dot>({
      id: 'patrol-halo',
      data,
      getPosition: (d) => [d.p.lon, d.p.lat],
      getFillColor: (d) => {
        const c = STATUS_COLORS[d.status];
        return [c[0], c[1], c[2], 60];
      },
      radiusUnits: 'pixels',
      getRadius: 14 * scale,
      stroked: false,
      opacity: alpha,
      updateTriggers: { getFillColor: key },
      parameters: { depthCompare: 'always' },
    }),
    new ScatterplotLayer<Dot>({
      id: 'patrol-core',
      data,
      getPosition: (d) => [d.p.lon, d.p.lat],
      getFillColor: (d) => STATUS_COLORS[d.status],
      getLineColor: [5, 13, 28, 255],
      radiusUnits: 'pixels',
      getRadius: 6 * scale,
      lineWidthUnits: 'pixels',
      getLineWidth: 2 * scale,
      stroked: true,
      opacity: alpha,
      updateTriggers: { getFillColor: key },
      parameters: { depthCompare: 'always' },
    }),
  ];
}

export const patrolMapLayer: MapLayerContribution = {
  id: 'patrols',
  order: 100,
  layers: patrolLayers,
  watch: (changed) => onChannel(patrolChannel, changed),
  ticks: true,
  tickKey: (ctx) => dots(ctx.now).key,
  legend: [
    { color: STATUS_CSS.online, label: { zh: '巡查员 · 在线', en: 'Patrol · online' } },
    { color: STATUS_CSS.stale, label: { zh: '延迟', en: 'Delayed' } },
    { color: STATUS_CSS.offline, label: { zh: '离线', en: 'Offline' } },
  ],
};
