import { ScatterplotLayer } from '@deck.gl/layers';
import type { PatrolState, PatrolStatus } from '../../app/patrol/patrol';

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

/**
 * Live patrols: a soft halo plus a bright core, sized with the wall's UI scale (1 at a 1080-line
 * console, 2 on a 2160-line wall) so they read from across the hall at any zoom. deck.gl re-uploads attributes only when `data` is a new array, which each update is.
 */
export function patrolLayers(patrols: readonly PatrolState[], uiScale: number) {
  const scale = Math.max(0.5, uiScale);
  return [
    new ScatterplotLayer<PatrolState>({
      id: 'patrol-halo',
      data: patrols,
      getPosition: (p) => [p.lon, p.lat],
      getFillColor: (p) => {
        const c = STATUS_COLORS[p.status];
        return [c[0], c[1], c[2], 60];
      },
      radiusUnits: 'pixels',
      getRadius: 14 * scale,
      stroked: false,
      parameters: { depthCompare: 'always' },
    }),
    new ScatterplotLayer<PatrolState>({
      id: 'patrol-core',
      data: patrols,
      getPosition: (p) => [p.lon, p.lat],
      getFillColor: (p) => STATUS_COLORS[p.status],
      getLineColor: [5, 13, 28, 255],
      radiusUnits: 'pixels',
      getRadius: 6 * scale,
      lineWidthUnits: 'pixels',
      getLineWidth: 2 * scale,
      stroked: true,
      parameters: { depthCompare: 'always' },
    }),
  ];
}
