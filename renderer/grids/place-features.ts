import type { FeatureCollection, Geometry } from 'geojson';
import type { CityInfo } from '../../app/city/city';
import type { PlaceArea, PlaceAreas } from '../../app/grid/grid-channels';
import type { UnitGridCollection } from '../../app/grid/unit-grid';
import { mapGeometry, type ToMap } from '../../app/map/display-crs';
import type { GridIndex } from './grid-index';
import { mapLabelName } from './grid-style';

export type Collection = FeatureCollection<Geometry, Record<string, unknown>>;

export const EMPTY: Collection = { type: 'FeatureCollection', features: [] };

export interface PlaceFeatures {
  streets: Collection;
  communities: Collection;
  streetLabels: Collection;
  communityLabels: Collection;
}

const point = (lon: number, lat: number, props: Record<string, unknown>, toMap: ToMap) => ({
  type: 'Feature' as const,
  properties: props,
  geometry: { type: 'Point' as const, coordinates: toMap(lon, lat) },
});

function fromAreas(list: readonly PlaceArea[], toMap: ToMap): { areas: Collection; labels: Collection } {
  return {
    areas: {
      type: 'FeatureCollection',
      features: list.map((a) => ({ type: 'Feature', properties: { code: a.code, approximate: a.approximate }, geometry: mapGeometry(a.geometry as Geometry & { coordinates: unknown }, toMap) })),
    },
    labels: { type: 'FeatureCollection', features: list.map((a) => point(a.label[0], a.label[1], { code: a.code, name: mapLabelName(a.name, a.level), approximate: a.approximate }, toMap)) },
  };
}

/**
 * Streets and communities for the map: their areas and names at their label points (`/api/grids/areas`),
 * or, in a hall without areas, names at the places' own points (no boundaries then: none is known).
 */
export function placeFeatures(city: CityInfo, areas: PlaceAreas | undefined, toMap: ToMap): PlaceFeatures {
  if (areas) {
    const s = fromAreas(areas.streets, toMap);
    const c = fromAreas(areas.communities, toMap);
    return { streets: s.areas, communities: c.areas, streetLabels: s.labels, communityLabels: c.labels };
  }
  const labelsOf = (level: 'street' | 'community'): Collection => ({
    type: 'FeatureCollection',
    features: city.places.filter((p) => p.level === level).map((p) => point(p.lon, p.lat, { code: p.code, name: mapLabelName(p.shortName, level), approximate: p.approximate === true }, toMap)),
  });
  return { streets: EMPTY, communities: EMPTY, streetLabels: labelsOf('street'), communityLabels: labelsOf('community') };
}

/** The grids for the map (display CRS), with their code as the feature id maplibre keys states by. */
export function gridFeatures(grids: UnitGridCollection, toMap: ToMap): Collection {
  return {
    type: 'FeatureCollection',
    features: grids.features.map((f) => ({ type: 'Feature', properties: { code: f.properties.code, approximate: f.properties.approximate }, geometry: mapGeometry(f.geometry as Geometry & { coordinates: unknown }, toMap) })),
  };
}

/** One point per grid, where its code is written. */
export function gridLabelFeatures(index: GridIndex, toMap: ToMap): Collection {
  return {
    type: 'FeatureCollection',
    features: [...index.byCode.values()].map((g) => point(g.label[0], g.label[1], { code: g.props.code, communityName: g.props.communityName ?? '' }, toMap)),
  };
}
