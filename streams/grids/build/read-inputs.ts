import path from 'node:path';
import { boundaryOf, checkPlaces, FeatureProblem, placesOf, type Place, type RawFeature } from '../../../app/grid/build/places';
import type { MultiPolygon } from '../../../app/grid/build/planar';
import { checkDegrees, InputError, positionsOf, readGeoJsonFile } from '../io/read-geojson';

/** A FeatureProblem from the pure checks is an InputError here: one sentence naming the file. */
function asInputError<T>(f: () => T): T {
  try {
    return f();
  } catch (err) {
    if (err instanceof FeatureProblem) throw new InputError(err.file, err.message);
    throw err;
  }
}

async function readChecked(file: string): Promise<RawFeature[]> {
  const features = await readGeoJsonFile(file);
  for (const f of features) if (f.geometry) checkDegrees(positionsOf(f.geometry.coordinates), file, f.index);
  return features;
}

/** The district boundary (WGS84 lon/lat), checked: polygon, degrees, no self-intersection, the right district. */
export async function readBoundary(file: string, adcode: string): Promise<MultiPolygon> {
  const features = await readChecked(file);
  return asInputError(() => boundaryOf(features, path.basename(file), adcode));
}

/**
 * Streets and communities from up to two files (either may hold both levels; the same file given twice is
 * read once), checked: codes, levels, geometry, no code twice.
 */
export async function readPlaces(files: Array<string | undefined>, adcode: string): Promise<Place[]> {
  const unique = [...new Set(files.filter((f): f is string => f !== undefined).map((f) => path.resolve(f)))];
  const places: Place[] = [];
  for (const file of unique) {
    const features = await readChecked(file);
    places.push(...asInputError(() => placesOf(features, path.basename(file), adcode)));
  }
  asInputError(() => checkPlaces(places));
  return places;
}
