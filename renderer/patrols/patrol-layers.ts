import type { Layer, PickingInfo } from '@deck.gl/core';
import { ScatterplotLayer } from '@deck.gl/layers';
import { TripsLayer } from '@deck.gl/geo-layers';
import type { PatrolState, PatrolStatus } from '../../app/patrol/patrol';
import { patrolChannel } from '../../app/patrol/patrol-channel';
import type { ToMap } from '../../app/map/display-crs';
import { surfaceSilence } from '../access/surface';
import { latestNow, onChannel, serverNow } from '../live/live-store';
import { inBand, type MapLayerContext, type MapLayerContribution } from '../wall/contributions';
import { MOTION_LIMITS, MotionBook, type Trail } from './motion';
import { shownStatus } from './patrol-status';
import { startReplay } from './replay-store';

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
  at: [number, number];
}

/** The wall's own timeline for movement (local clock: gliding is about frames, not the hall's time). */
const motion = new MotionBook(Date.now());

/** The statuses shown, one letter per patrol: what a redraw must follow besides movement. */
function statusKey(source: ReadonlyMap<string, PatrolState>, hallNow: number): string {
  const silence = surfaceSilence();
  let key = '';
  for (const p of source.values()) key += shownStatus(p, hallNow, silence)[0];
  return key;
}

/** The states last fed to the motion book: a delta replaces only the patrols it names. */
let seen = new Map<string, PatrolState>();

/**
 * Feeds the motion book from the channel, when a change arrives (so a fix's arrival time is its real one).
 * Whether the map must redraw: a patrol moved, came or went, or shows another status. A patrol standing
 * still keeps reporting; its fixes change nothing on the wall, and draw no frame.
 */
function observe(hallNow: number): boolean {
  const now = Date.now();
  const source = latestNow(patrolChannel);
  const silence = surfaceSilence();
  const version = motion.version;
  let statusChanged = false;
  for (const p of source.values()) {
    const before = seen.get(p.unitId);
    if (before === p) continue;
    motion.observe(p.unitId, p.lon, p.lat, p.ts, now);
    if (!before || shownStatus(before, hallNow, silence) !== shownStatus(p, hallNow, silence)) statusChanged = true;
    seen.set(p.unitId, p);
  }
  if (seen.size !== source.size) {
    // Some left the live state.
    motion.keepOnly(new Set(source.keys()));
    seen = new Map(source);
  }
  return statusChanged || motion.version !== version;
}

let cache: { source: ReadonlyMap<string, PatrolState>; key: string; moving: boolean; toMap: ToMap; dots: Dot[] } | undefined;

/** The patrols as drawn now: each with the status it shows and where it is on its glide. The same array while nothing changed. */
function dots(hallNow: number, wallNow: number, toMap: ToMap): { dots: Dot[]; key: string } {
  const source = latestNow(patrolChannel);
  const silence = surfaceSilence();
  const key = statusKey(source, hallNow);
  const moving = motion.moving(wallNow);
  if (cache && cache.source === source && cache.key === key && cache.toMap === toMap && !moving && !cache.moving) return cache;
  const list: Dot[] = [];
  for (const p of source.values()) {
    const [lon, lat] = motion.positionAt(p.unitId, wallNow) ?? [p.lon, p.lat];
    list.push({ p, status: shownStatus(p, hallNow, silence), at: toMap(lon, lat) });
  }
  cache = { source, key, moving, toMap, dots: list };
  return cache;
}

let trailCache: { version: number; toMap: ToMap; trails: Trail[] } | undefined;

function trails(toMap: ToMap): Trail[] {
  if (trailCache?.version === motion.version && trailCache.toMap === toMap) return trailCache.trails;
  const list = motion.trails().map((t) => ({ ...t, path: t.path.map(([lon, lat]) => toMap(lon, lat)) }));
  trailCache = { version: motion.version, toMap, trails: list };
  return list;
}

/** A click on a patrol (the console has a pointer; the wall has none): replay its day. */
function onPatrolClick(info: PickingInfo): void {
  const dot = info.object as Dot | undefined;
  if (dot?.p) startReplay(dot.p.unitId);
}

/**
 * Live patrols: a fading trail of the last minutes (under the labels), a soft halo and a bright core,
 * gliding between fixes. Sized with the wall's UI scale; dimmed while the link is down.
 */
export function patrolLayers(ctx: MapLayerContext): Layer[] {
  const scale = Math.max(0.5, ctx.scale);
  const wallNow = Date.now();
  motion.prune(wallNow);
  const { dots: data, key } = dots(ctx.now, wallNow, ctx.toMap);
  const alpha = ctx.stale ? 0.35 : 1;
  return [
    new TripsLayer<Trail>({
      id: 'patrol-trails',
      data: trails(ctx.toMap),
      getPath: (t) => t.path,
      getTimestamps: (t) => t.times,
      getColor: [46, 255, 170, 200],
      currentTime: (wallNow - motion.base) / 1000,
      trailLength: MOTION_LIMITS.trailMs / 1000,
      fadeTrail: true,
      widthUnits: 'pixels',
      getWidth: 3 * scale,
      jointRounded: true,
      capRounded: true,
      opacity: alpha * 0.8,
      ...inBand('marks'),
      parameters: { depthCompare: 'always' },
    }),
    new ScatterplotLayer<Dot>({
      id: 'patrol-halo',
      data,
      getPosition: (d) => d.at,
      getFillColor: (d) => {
        const c = STATUS_COLORS[d.status];
        return [c[0], c[1], c[2], 60];
      },
      radiusUnits: 'pixels',
      getRadius: 14 * scale,
      stroked: false,
      opacity: alpha,
      // The halo is the target: a wide one, for the console's pointer.
      pickable: true,
      updateTriggers: { getFillColor: key },
      parameters: { depthCompare: 'always' },
    }),
    new ScatterplotLayer<Dot>({
      id: 'patrol-core',
      data,
      getPosition: (d) => d.at,
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

/** What a once-a-second tick may change: statuses ageing, and trails fading (in 15-second steps, until gone). */
function tickKey(ctx: MapLayerContext): string {
  const wallNow = Date.now();
  return `${dots(ctx.now, wallNow, ctx.toMap).key}:${motion.hasTrails(wallNow) ? Math.floor(wallNow / 15_000) : ''}`;
}

export const patrolMapLayer: MapLayerContribution = {
  id: 'patrols',
  order: 100,
  layers: patrolLayers,
  watch: (changed) =>
    onChannel(patrolChannel, () => {
      if (observe(serverNow())) changed();
    }),
  ticks: true,
  tickKey,
  animating: () => motion.moving(Date.now()),
  onClick: onPatrolClick,
  legend: [
    { color: STATUS_CSS.online, label: { zh: '巡查员 · 在线', en: 'Patrol · online' } },
    { color: STATUS_CSS.stale, label: { zh: '延迟', en: 'Delayed' } },
    { color: STATUS_CSS.offline, label: { zh: '离线', en: 'Offline' } },
  ],
};
