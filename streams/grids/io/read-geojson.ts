import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** A problem with an input file, in one sentence naming the file, the feature and what to fix. */
export class InputError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${path.basename(file)}: ${message}`);
    this.name = 'InputError';
  }
}

export interface InputFeature {
  /** Position in the file (0-based), for messages. */
  index: number;
  properties: Record<string, unknown>;
  geometry: { type: string; coordinates: unknown } | null;
}

const GEOMETRY_TYPES = new Set(['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon']);

function asFeature(value: unknown, index: number, file: string): InputFeature {
  if (typeof value !== 'object' || value === null) throw new InputError(file, `feature ${index} is not an object.`);
  const v = value as { type?: unknown; properties?: unknown; geometry?: unknown; coordinates?: unknown };
  if (v.type === 'Feature') {
    const g = v.geometry as { type?: unknown; coordinates?: unknown } | null | undefined;
    if (g !== null && g !== undefined && (typeof g !== 'object' || !GEOMETRY_TYPES.has(String(g.type)))) {
      throw new InputError(file, `feature ${index} has no valid GeoJSON geometry (type ${String(g?.type)}).`);
    }
    const properties = typeof v.properties === 'object' && v.properties !== null ? (v.properties as Record<string, unknown>) : {};
    return { index, properties, geometry: g ? { type: String(g.type), coordinates: g.coordinates } : null };
  }
  if (typeof v.type === 'string' && GEOMETRY_TYPES.has(v.type)) return { index, properties: {}, geometry: { type: v.type, coordinates: v.coordinates } };
  throw new InputError(file, `feature ${index} is a "${String(v.type)}", not a GeoJSON Feature.`);
}

/**
 * The features of a GeoJSON file: a FeatureCollection, one Feature, one bare geometry, or a bare array of
 * Features (as some map-data sites publish). Anything else is one clear sentence, never a stack trace.
 */
export function featuresOf(doc: unknown, file: string): InputFeature[] {
  let list: unknown[];
  if (Array.isArray(doc)) list = doc;
  else if (typeof doc === 'object' && doc !== null && (doc as { type?: unknown }).type === 'FeatureCollection') {
    const f = (doc as { features?: unknown }).features;
    if (!Array.isArray(f)) throw new InputError(file, 'the FeatureCollection has no "features" array.');
    list = f;
  } else if (typeof doc === 'object' && doc !== null) list = [doc];
  else throw new InputError(file, 'is not GeoJSON (expected a FeatureCollection, a Feature or a geometry).');
  if (list.length === 0) throw new InputError(file, 'has no features.');
  return list.map((x, i) => asFeature(x, i, file));
}

/** Reads and parses a GeoJSON file with clear errors (missing, unreadable, not JSON, empty, not GeoJSON). */
export async function readGeoJsonFile(file: string): Promise<InputFeature[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(file, code === 'ENOENT' ? 'no such file.' : `cannot be read (${code ?? (err as Error).message}).`);
  }
  if (!text.trim()) throw new InputError(file, 'is empty.');
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new InputError(file, `is not valid JSON (${(err as Error).message}).`);
  }
  return featuresOf(doc, file);
}

/**
 * Checks that positions are longitude/latitude in degrees: projected metres given as degrees, and latitude
 * and longitude swapped (common in Chinese data: 39.9, 116.4), are said plainly.
 */
export function checkDegrees(positions: Iterable<readonly number[]>, file: string, index: number): void {
  for (const p of positions) {
    const [x, y] = p;
    if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) {
      throw new InputError(file, `feature ${index} has a position that is not two numbers.`);
    }
    if (Math.abs(y) > 90 && Math.abs(y) <= 180 && Math.abs(x) <= 90) {
      throw new InputError(file, `feature ${index} has (${x}, ${y}): latitude and longitude look swapped; GeoJSON is [longitude, latitude].`);
    }
    if (Math.abs(x) > 180 || Math.abs(y) > 90) {
      throw new InputError(
        file,
        `feature ${index} has coordinates like (${x}, ${y}): metres, not degrees. Give the file's CRS (e.g. --crs EPSG:4527 for a CGCS2000 3° Gauss–Krüger zone) or convert it to longitude/latitude.`,
      );
    }
  }
}

/** Every position of a geometry's coordinates, flattened. */
export function* positionsOf(coordinates: unknown): Generator<readonly number[]> {
  if (!Array.isArray(coordinates)) return;
  if (coordinates.length >= 2 && typeof coordinates[0] === 'number') {
    yield coordinates as number[];
    return;
  }
  for (const c of coordinates) yield* positionsOf(c);
}
