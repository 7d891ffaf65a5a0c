import { shortPlaceName } from '../../app/city/city';
import type { ExpressionSpecification, FilterSpecification, LayerSpecification } from 'maplibre-gl';
import { MAP_COLORS, MAP_FONT } from '../map/offline-style';
import type { MapBand } from '../wall/contributions';
import { gridCodeExpression, type ZoomRules } from './zoom-rules';

/** The maplibre sources the grid map fills (GeoJSON, in the map's display CRS). */
export const GRID_SOURCES = {
  streets: 'gridwall-streets',
  communities: 'gridwall-communities',
  streetLabels: 'gridwall-street-labels',
  communityLabels: 'gridwall-community-labels',
  grids: 'gridwall-grids',
  gridLabels: 'gridwall-grid-labels',
} as const;

export const GRID_FILL = 'gridwall-grid-fill';
export const GRID_CODES = 'gridwall-grid-codes';
export const FOCUS_LAYERS = ['gridwall-focus-glow', 'gridwall-focus-line', 'gridwall-focus-label'] as const;
/** No grid: what the focus layers show until a grid is focused. */
export const NO_FOCUS: FilterSpecification = ['==', ['get', 'code'], ''];

export interface PlacedLayer {
  band: MapBand;
  layer: LayerSpecification;
}

const APPROX: FilterSpecification = ['==', ['get', 'approximate'], true];
const SURVEYED: FilterSpecification = ['!=', ['get', 'approximate'], true];
/** Derived (approximate) boundaries are dashed: the map must not pass them off as surveyed. */
export const DASH: [number, number] = [3, 2.5];

const expr = (e: unknown[]) => e as ExpressionSpecification;

/** A boundary as two layers: solid where surveyed, dashed where derived. */
function boundary(id: string, source: string, paint: { color: string; width: number; opacity: unknown }, minzoom = 0): PlacedLayer[] {
  const base = { type: 'line' as const, source, minzoom, layout: { 'line-join': 'round' as const } };
  const common = { 'line-color': paint.color, 'line-width': paint.width, 'line-opacity': expr(paint.opacity as unknown[]) };
  return [
    { band: 'lines', layer: { ...base, id, filter: SURVEYED, paint: common } },
    { band: 'lines', layer: { ...base, id: `${id}-approx`, filter: APPROX, paint: { ...common, 'line-dasharray': DASH } } },
  ];
}

const halo = (s: number) => ({ 'text-halo-color': MAP_COLORS.background, 'text-halo-width': 2 * s, 'text-halo-blur': 0.5 * s });

/** A label layer: Chinese names in the bundled font that never overlap any other label (maplibre's collision). */
function labels(id: string, source: string, size: [number, number, number, number], color: string, s: number, zooms: { min?: number; max?: number }, extra: Record<string, unknown> = {}): PlacedLayer {
  return {
    band: 'labels',
    layer: {
      id,
      type: 'symbol',
      source,
      ...(zooms.min !== undefined ? { minzoom: zooms.min } : {}),
      ...(zooms.max !== undefined ? { maxzoom: zooms.max } : {}),
      layout: {
        'text-field': ['get', 'name'],
        'text-font': [MAP_FONT],
        'text-size': ['interpolate', ['linear'], ['zoom'], size[0], size[1] * s, size[2], size[3] * s],
        'text-allow-overlap': false,
        'text-ignore-placement': false,
        'text-padding': 4 * s,
        ...extra,
      },
      paint: { 'text-color': color, ...halo(s) },
    } as LayerSpecification,
  };
}

/**
 * Streets and communities: boundaries, and names at their label points. Layers added later draw (and
 * are placed) above earlier ones, and maplibre places the upper labels first: street names win over
 * community names, which win over grid codes.
 */
export function placeLayers(s: number, r: ZoomRules): PlacedLayer[] {
  return [
    ...boundary('gridwall-community-line', GRID_SOURCES.communities, { color: '#3f6d9c', width: 1 * s, opacity: ['interpolate', ['linear'], ['zoom'], r.communityLinesFrom, 0.35, r.communityLinesFrom + 2, 0.8] }, r.communityLinesFrom),
    ...boundary('gridwall-street-line', GRID_SOURCES.streets, { color: '#6fb8f0', width: 1.6 * s, opacity: ['literal', 0.75] }),
    labels('gridwall-community-labels', GRID_SOURCES.communityLabels, [13, 13, 17, 19], '#a9cbed', s, { min: r.communityLabelsFrom, max: r.communityLabelsUntil }),
    labels('gridwall-street-labels', GRID_SOURCES.streetLabels, [10, 16, 14, 26], MAP_COLORS.street, s, { max: r.streetLabelsUntil }, { 'text-letter-spacing': 0.1 }),
  ];
}

/** Unit grids: the fill (choropleth or coverage), outlines from zoom ~13, codes from ~15, and the focus frame. */
export function gridLayers(s: number, r: ZoomRules): PlacedLayer[] {
  return [
    { band: 'fills', layer: { id: GRID_FILL, type: 'fill', source: GRID_SOURCES.grids, paint: { 'fill-color': 'rgba(0,0,0,0)', 'fill-opacity': 0.72 } } },
    ...boundary('gridwall-grid-line', GRID_SOURCES.grids, { color: '#3b6a98', width: 0.8 * s, opacity: ['interpolate', ['linear'], ['zoom'], r.gridLinesFrom, 0.25, r.gridLinesFrom + 2, 0.8] }, r.gridLinesFrom),
    { band: 'lines', layer: { id: FOCUS_LAYERS[0], type: 'line', source: GRID_SOURCES.grids, filter: NO_FOCUS, paint: { 'line-color': '#ffd23f', 'line-width': 12 * s, 'line-blur': 8 * s, 'line-opacity': 0.7 } } },
    { band: 'lines', layer: { id: FOCUS_LAYERS[1], type: 'line', source: GRID_SOURCES.grids, filter: NO_FOCUS, paint: { 'line-color': '#fff3b0', 'line-width': 3.5 * s } } },
    labels(GRID_CODES, GRID_SOURCES.gridLabels, [15, 11, 18, 15], '#8fb3d9', s, { min: r.gridCodesFrom }, { 'text-field': gridCodeExpression(r) }),
  ];
}

/** The focused grid's label, above every other: its full code and community, always shown. */
export function focusLabel(s: number): PlacedLayer {
  const placed = labels(FOCUS_LAYERS[2], GRID_SOURCES.gridLabels, [10, 20, 18, 24], '#fff3b0', s, {}, {
    'text-field': ['format', ['get', 'code'], { 'font-scale': 1 }, '\n', {}, ['coalesce', ['get', 'communityName'], ''], { 'font-scale': 0.8 }],
    'text-allow-overlap': true,
    'text-offset': [0, -1.6],
    'text-anchor': 'bottom',
  });
  return { ...placed, layer: { ...placed.layer, filter: NO_FOCUS } as LayerSpecification };
}

/** A label as the map shows it: a community without its 社区 suffix (its zoom says what it is); streets and villages keep theirs. */
export function mapLabelName(name: string, level: 'street' | 'community'): string {
  const short = shortPlaceName(name);
  return level === 'community' && short.length > 3 ? short.replace(/社区$/, '') : short;
}

/** The grid fill for coverage: visited today (green) or not yet (amber); grids outside any responsibility grid stay clear. */
export function coverageColor(): ExpressionSpecification {
  return ['match', ['coalesce', ['feature-state', 'cov'], 0], 2, 'rgb(46,255,170)', 1, 'rgb(214,128,24)', 'rgba(0,0,0,0)'];
}
