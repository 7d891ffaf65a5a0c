import type { Layer, PickingInfo } from '@deck.gl/core';
import { IconLayer, PolygonLayer } from '@deck.gl/layers';
import type { CameraState } from '../../app/camera/camera';
import { cameraChannel } from '../../app/camera/camera-channel';
import type { ToMap } from '../../app/map/display-crs';
import { viewCone } from '../../app/map/view-cone';
import { latestNow, onChannel } from '../live/live-store';
import { inBand, type MapLayerContext, type MapLayerContribution } from '../wall/contributions';
import { CAMERA_ICON, cameraIconAtlas } from './camera-icon';
import { openCamera } from './camera-open';
import { CameraFullView } from './CameraFullView';

interface Placed {
  c: CameraState;
  at: [number, number];
  cone?: Array<[number, number]>;
}

const ONLINE: [number, number, number] = [53, 208, 255];
const OFFLINE: [number, number, number] = [120, 135, 155];

let cache: { source: ReadonlyMap<string, CameraState>; toMap: ToMap; placed: Placed[] } | undefined;

/** Cameras with a position, and the cone of those that say where they look (computed once per change). */
function placed(toMap: ToMap): Placed[] {
  const source = latestNow(cameraChannel);
  if (cache?.source === source && cache.toMap === toMap) return cache.placed;
  const list: Placed[] = [];
  for (const c of source.values()) {
    if (c.lon === undefined || c.lat === undefined) continue;
    const cone = c.heading !== undefined && c.fov !== undefined ? viewCone([c.lon, c.lat], c.heading, c.fov).map(([x, y]) => toMap(x, y)) : undefined;
    list.push({ c, at: toMap(c.lon, c.lat), ...(cone ? { cone } : {}) });
  }
  cache = { source, toMap, placed: list };
  return list;
}

/** A click on a camera or its cone (the console): its live tile, full size over the map. */
function onCameraClick(info: PickingInfo): void {
  const p = info.object as Placed | undefined;
  if (p?.c) openCamera.setState({ id: p.c.id });
}

/** CCTV on the map: what each camera sees (its cone, under the labels) and an icon on top; grey when down. */
function cameraLayers(ctx: MapLayerContext): Layer[] {
  const data = placed(ctx.toMap);
  if (!data.length) return [];
  const s = Math.max(0.5, ctx.scale);
  const alpha = ctx.stale ? 0.35 : 1;
  const color = (p: Placed) => (p.c.online ? ONLINE : OFFLINE);
  return [
    new PolygonLayer<Placed>({
      id: 'camera-cones',
      data: data.filter((p) => p.cone),
      getPolygon: (p) => p.cone ?? [],
      getFillColor: (p) => [...color(p), p.c.online ? 55 : 30],
      getLineColor: (p) => [...color(p), 170],
      lineWidthUnits: 'pixels',
      getLineWidth: 1.5 * s,
      stroked: true,
      filled: true,
      opacity: alpha,
      pickable: true,
      ...inBand('marks'),
    }),
    new IconLayer<Placed>({
      id: 'camera-icons',
      data,
      // A canvas is a valid deck.gl image at run time; its types name only URLs and textures.
      iconAtlas: cameraIconAtlas() as unknown as string,
      iconMapping: { camera: CAMERA_ICON },
      getIcon: () => 'camera',
      getPosition: (p) => p.at,
      getColor: (p) => [...color(p), 255],
      sizeUnits: 'pixels',
      getSize: 30 * s,
      opacity: alpha,
      pickable: true,
      parameters: { depthCompare: 'always' },
    }),
  ];
}

export const cameraMapLayer: MapLayerContribution = {
  id: 'cameras',
  order: 80,
  layers: cameraLayers,
  watch: (changed) => onChannel(cameraChannel, changed),
  legend: [{ color: 'rgb(53,208,255)', label: { zh: '视频监控', en: 'CCTV' } }],
  onClick: onCameraClick,
  overlays: [{ placement: 'cover', component: CameraFullView }],
};
