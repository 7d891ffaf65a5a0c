import type { LayerSpecification, SourceSpecification, StyleSpecification } from 'maplibre-gl';
import type { CityInfo } from '../../app/city/city';
import { mapCoordinates, WGS84_DISPLAY, type ToMap } from '../../app/map/display-crs';
import { MAP_BANDS } from '../wall/contributions';

/** Colours of the command-hall map, shared with the legend. */
export const MAP_COLORS = {
  background: '#050d1c',
  districtFill: '#0b2a4a',
  districtLine: '#35d0ff',
  districtGlow: '#1a7fd1',
  street: '#cfe9ff',
  community: '#5f88b3',
} as const;

/** The font the map draws labels with: the bundled Noto Sans SC, rendered locally (no glyph server). */
export const MAP_FONT = 'Noto Sans SC';

/** A base map's part of the style: its sources and layers (drawn under everything of GridWall's), and sprite. */
export interface BasemapParts {
  sources: Record<string, SourceSpecification>;
  layers: LayerSpecification[];
  sprite?: StyleSpecification['sprite'];
}

/** An empty layer that marks where a band begins (see MAP_BANDS): others are inserted before it. */
const marker = (id: string): LayerSpecification => ({ id, type: 'background', layout: { visibility: 'none' } });

/**
 * The map's own style: the district on a dark ground, and the band markers modules place their layers
 * by. Offline unless a base map is configured: no tiles, no glyph or sprite URLs; without a `glyphs`
 * URL maplibre draws every label with the page's own fonts. `toMap` draws the outline in the base
 * map's CRS.
 */
export function offlineStyle(city: CityInfo, locale: 'zh-CN' | 'en', uiScale = 1, toMap: ToMap = WGS84_DISPLAY, basemap?: BasemapParts): StyleSpecification {
  const outline = mapCoordinates(city.outline, toMap) as number[][][][];
  const onTiles = basemap !== undefined;
  return {
    version: 8,
    name: 'gridwall-offline',
    ...(basemap?.sprite ? { sprite: basemap.sprite } : {}),
    sources: {
      ...basemap?.sources,
      district: {
        type: 'geojson',
        data: { type: 'Feature', properties: { name: locale === 'en' ? city.district.en : city.district.zh }, geometry: { type: 'MultiPolygon', coordinates: outline } },
      },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': MAP_COLORS.background } },
      ...(basemap?.layers ?? []),
      // Over base map tiles the district is a tint, not a ground: the streets beneath stay readable.
      { id: 'district-fill', type: 'fill', source: 'district', paint: { 'fill-color': MAP_COLORS.districtFill, 'fill-opacity': onTiles ? 0.25 : 0.55 } },
      {
        id: 'district-glow',
        type: 'line',
        source: 'district',
        paint: { 'line-color': MAP_COLORS.districtGlow, 'line-width': 14 * uiScale, 'line-blur': 12 * uiScale, 'line-opacity': 0.7 },
      },
      marker(MAP_BANDS.fills),
      marker(MAP_BANDS.lines),
      { id: 'district-line', type: 'line', source: 'district', paint: { 'line-color': MAP_COLORS.districtLine, 'line-width': 2.5 * uiScale } },
      marker(MAP_BANDS.marks),
      marker(MAP_BANDS.labels),
    ],
  };
}
