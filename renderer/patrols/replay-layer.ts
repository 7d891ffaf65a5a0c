import type { Layer } from '@deck.gl/core';
import { PathLayer, ScatterplotLayer } from '@deck.gl/layers';
import { TripsLayer } from '@deck.gl/geo-layers';
import type { ToMap } from '../../app/map/display-crs';
import { bboxOf, mapBBox } from '../../app/map/display-crs';
import { inBand, type MapLayerContext, type MapLayerContribution } from '../wall/contributions';
import { type TrackPoint } from '../../app/patrol/track';
import { positionAt, stretches } from './replay';
import { replayFromUrl, replayMoving, replayNow, replayStore, type ReplayState } from './replay-store';
import { ReplayControls } from './ReplayControls';

interface Drawn {
  path: Array<[number, number]>;
  /** Seconds since the track's first fix (float32-safe for a day). */
  times: number[];
}

let cache: { points: readonly TrackPoint[]; toMap: ToMap; drawn: Drawn[] } | undefined;

/** The track's stretches in display coordinates, with times from its first fix (rebuilt only for a new track). */
function drawn(points: readonly TrackPoint[], toMap: ToMap): Drawn[] {
  if (cache?.points === points && cache.toMap === toMap) return cache.drawn;
  const t0 = points[0]?.ts ?? 0;
  const d = stretches(points).map((s) => ({ path: s.map((p) => toMap(p.lon, p.lat)), times: s.map((p) => (p.ts - t0) / 1000) }));
  cache = { points, toMap, drawn: d };
  return d;
}

// Violet: apart from the cyan boundaries, green patrols and coral reports it is drawn among.
const REPLAY_COLOR: [number, number, number] = [199, 139, 255];

/** The replayed day: the whole track faint, the part walked so far bright, and where the patrol is now. */
function replayLayers(ctx: MapLayerContext): Layer[] {
  const s = replayStore.getState();
  if (s.status !== 'ready') return [];
  const d = drawn(s.points, ctx.toMap);
  const t = replayNow(s);
  const at = positionAt(s.points, t);
  const scale = Math.max(0.5, ctx.scale);
  return [
    new PathLayer<Drawn>({
      id: 'replay-day',
      data: d,
      getPath: (x) => x.path,
      getColor: [...REPLAY_COLOR, 70],
      widthUnits: 'pixels',
      getWidth: 2 * scale,
      ...inBand('marks'),
    }),
    new TripsLayer<Drawn>({
      id: 'replay-walked',
      data: d,
      getPath: (x) => x.path,
      getTimestamps: (x) => x.times,
      getColor: [...REPLAY_COLOR, 255],
      currentTime: (t - s.start) / 1000,
      trailLength: Math.max(1, (s.end - s.start) / 1000),
      fadeTrail: false,
      widthUnits: 'pixels',
      getWidth: 4 * scale,
      jointRounded: true,
      capRounded: true,
      ...inBand('marks'),
    }),
    new ScatterplotLayer<[number, number]>({
      id: 'replay-head',
      data: at ? [ctx.toMap(at.lon, at.lat)] : [],
      getPosition: (p) => p,
      getFillColor: [255, 255, 255, 255],
      getLineColor: [...REPLAY_COLOR, 255],
      stroked: true,
      radiusUnits: 'pixels',
      getRadius: 8 * scale,
      lineWidthUnits: 'pixels',
      getLineWidth: 4 * scale,
      parameters: { depthCompare: 'always' },
    }),
  ];
}

/** Frames the replayed track when it loads; the whole view again when the replay closes. */
function followReplay(host: Parameters<NonNullable<MapLayerContribution['mapLibre']>>[0]): () => void {
  const fit = (s: ReplayState) => {
    // The stretches walked: a lone fix between two jumps does not widen the view.
    const b = bboxOf(stretches(s.points).map((st) => st.map((p) => [p.lon, p.lat])));
    if (!b) return;
    const m = mapBBox(b, host.context().toMap);
    host.map.fitBounds([m[0], m[1], m[2], m[3]], { padding: Math.round(120 * host.context().scale), maxZoom: 16, duration: 2000 });
  };
  const { city } = host.context();
  replayFromUrl(location.search, city.timeZone);
  if (replayStore.getState().status === 'ready') fit(replayStore.getState());
  return replayStore.subscribe((s, prev) => {
    if (s.status === 'ready' && s.points !== prev.points) fit(s);
    if (s.status === 'off' && prev.status !== 'off') host.home();
  });
}

export const replayMapLayer: MapLayerContribution = {
  id: 'patrol-replay',
  order: 90,
  layers: replayLayers,
  watch: (changed) => replayStore.subscribe(changed),
  animating: replayMoving,
  mapLibre: followReplay,
  overlays: [{ placement: 'top', component: ReplayControls }],
};
