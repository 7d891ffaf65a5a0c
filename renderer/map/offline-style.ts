import type { StyleSpecification } from 'maplibre-gl';
import type { CityInfo } from '../../app/city/city';

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

/**
 * An offline style: no tiles, no glyph or sprite URLs, nothing fetched from anywhere. Without a
 * `glyphs` URL maplibre draws every label with the page's own fonts.
 */
export function offlineStyle(city: CityInfo, locale: 'zh-CN' | 'en', uiScale = 1): StyleSpecification {
  const streets = city.places.filter((p) => p.level === 'street');
  const communities = city.places.filter((p) => p.level === 'community');
  const points = (list: typeof city.places) => ({
    type: 'FeatureCollection' as const,
    features: list.map((p) => ({
      type: 'Feature' as const,
      properties: { name: p.shortName, code: p.code },
      geometry: { type: 'Point' as const, coordinates: [p.lon, p.lat] },
    })),
  });
  return {
    version: 8,
    name: 'gridwall-offline',
    sources: {
      district: {
        type: 'geojson',
        data: { type: 'Feature', properties: { name: locale === 'en' ? city.district.en : city.district.zh }, geometry: { type: 'MultiPolygon', coordinates: city.outline } },
      },
      streets: { type: 'geojson', data: points(streets) },
      communities: { type: 'geojson', data: points(communities) },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': MAP_COLORS.background } },
      { id: 'district-fill', type: 'fill', source: 'district', paint: { 'fill-color': MAP_COLORS.districtFill, 'fill-opacity': 0.55 } },
      {
        id: 'district-glow',
        type: 'line',
        source: 'district',
        paint: { 'line-color': MAP_COLORS.districtGlow, 'line-width': 14 * uiScale, 'line-blur': 12 * uiScale, 'line-opacity': 0.7 },
      },
      { id: 'district-line', type: 'line', source: 'district', paint: { 'line-color': MAP_COLORS.districtLine, 'line-width': 2.5 * uiScale } },
      {
        id: 'community-dots',
        type: 'circle',
        source: 'communities',
        paint: { 'circle-radius': 3 * uiScale, 'circle-color': MAP_COLORS.community, 'circle-opacity': 0.8 },
      },
      {
        id: 'street-labels',
        type: 'symbol',
        source: 'streets',
        layout: {
          'text-field': ['get', 'name'],
          'text-font': [MAP_FONT],
          'text-size': ['interpolate', ['linear'], ['zoom'], 10, 16 * uiScale, 14, 26 * uiScale],
          'text-letter-spacing': 0.1,
          'text-allow-overlap': false,
        },
        paint: {
          'text-color': MAP_COLORS.street,
          'text-halo-color': MAP_COLORS.background,
          'text-halo-width': 2 * uiScale,
          'text-opacity': 0.9,
        },
      },
    ],
  };
}

/** Every label the style draws, so the page can load those glyphs of the web font before the map paints. */
export function labelText(city: CityInfo): string {
  return city.places.map((p) => p.shortName).join('');
}
