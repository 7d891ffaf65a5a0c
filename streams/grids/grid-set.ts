import { readFile } from 'node:fs/promises';
import { Compile } from 'typebox/compile';
import type { Locator } from '../../app/city/place-locator';
import { IndexedGridLocator, LatticeGridLocator } from '../../app/grid/grid-locator';
import { LatticeSpec, UnitGridFeature } from '../../app/grid/unit-grid';
import { featuresOf, InputError } from './io/read-geojson';

const checkFeature = Compile(UnitGridFeature);
const checkLattice = Compile(LatticeSpec);

/** The unit grids a hall works with, indexed for locating and lookup. */
export interface GridSet {
  /** The county code every grid code starts with. */
  adcode: string;
  features: UnitGridFeature[];
  byCode: ReadonlyMap<string, UnitGridFeature>;
  /** Present for built grids: locating is O(1) on it. */
  lattice?: LatticeSpec;
  locator: Locator;
  /** Some street or community boundaries were derived, not surveyed. */
  approximate: boolean;
  /** Where the grids came from (a file path), for the start-up log. */
  source: string;
}

/** Indexes grids already validated: a lattice locator for built sets, a spatial index for imported ones. */
export function indexGrids(features: UnitGridFeature[], source: string, lattice?: LatticeSpec): GridSet {
  const byCode = new Map<string, UnitGridFeature>();
  for (const f of features) byCode.set(f.properties.code, f);
  const adcode = features[0]?.properties.code.slice(0, 6) ?? '';
  return {
    adcode,
    features,
    byCode,
    ...(lattice ? { lattice } : {}),
    locator: lattice && features.every((f) => f.properties.cell) ? new LatticeGridLocator(lattice, features) : new IndexedGridLocator(features),
    approximate: features.some((f) => f.properties.approximate),
    source,
  };
}

/**
 * Loads a grid file (`grid build` or `grid import` output, GeoJSON in WGS84). Every feature is checked;
 * the first problem is one sentence naming the file and the feature.
 */
export async function loadGridSet(file: string): Promise<GridSet> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new InputError(file, (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such grid file.' : `cannot be read (${(err as Error).message}).`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new InputError(file, `is not valid JSON (${(err as Error).message}).`);
  }
  const raw = featuresOf(doc, file);
  const features: UnitGridFeature[] = [];
  const seen = new Set<string>();
  for (const f of raw) {
    const feature = { type: 'Feature', properties: f.properties, geometry: f.geometry };
    if (!checkFeature.Check(feature)) {
      throw new InputError(file, `feature ${f.index} is not a unit grid (it needs a Polygon and properties code, street, community, areaM2, approximate): run it through \`gridwall grid import\` first.`);
    }
    if (seen.has(feature.properties.code)) throw new InputError(file, `feature ${f.index} repeats the grid code ${feature.properties.code}.`);
    seen.add(feature.properties.code);
    features.push(feature);
  }
  const lattice = (doc as { lattice?: unknown }).lattice;
  return indexGrids(features, file, checkLattice.Check(lattice) ? lattice : undefined);
}
