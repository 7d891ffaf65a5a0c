import type { Place } from '../../app/city/city';
import type { ResponsibilityGrid } from '../../app/grid/unit-grid';
import type { GridSet } from '../grids/grid-set';
import { gridPlaces, inspectorsByStreet, type CasePlace } from './case-places';
import { STREET_OFFICE } from './demo-departments';

/** Where the demo city's cases happen and who works them there: shared by its history and its desk. */
export interface CaseWorld {
  places: CasePlace[];
  /** Inspectors (patrol unit ids) per street. */
  inspectors: Map<string, string[]>;
  streets: string[];
  /** Each street's office (街道办事处), by the city's name for it. */
  offices: Map<string, string>;
}

export function caseWorld(grids: GridSet, responsibility: readonly ResponsibilityGrid[], cityPlaces: readonly Place[], seed: number): CaseWorld {
  const places = gridPlaces(grids.features, { seed });
  const inspectors = inspectorsByStreet(responsibility, (code) => grids.byCode.get(code)?.properties.street);
  const streets = [...new Set(places.map((p) => p.street))].sort();
  const named = new Map(cityPlaces.filter((p) => p.level === 'street').map((p) => [p.code, p.name]));
  const offices = new Map(streets.map((s) => {
    const name = named.get(s) ?? '';
    return [s, name.endsWith(STREET_OFFICE) ? name : `${name || s}${STREET_OFFICE}`] as const;
  }));
  return { places, inspectors, streets, offices };
}
