import { readFile } from 'node:fs/promises';
import path from 'node:path';
import Type, { type Static } from 'typebox';
import Value from 'typebox/value';
import { BaseMap, LocalizedText } from '../../app/city/city';
import { ResponsibilityGrid } from '../../app/grid/unit-grid';
import { ConfigError } from '../config/config';

/**
 * A hall's own district (`gridwall serve --config hall.json`, or GRIDWALL_CONFIG): what it is called and
 * the files that describe it. Paths are relative to the config file.
 */
export const CityConfigFile = Type.Object(
  {
    /** County-level code (GB/T 2260), the first six digits of every grid code. */
    adcode: Type.String({ pattern: '^[0-9]{6}$' }),
    district: LocalizedText,
    centreName: LocalizedText,
    /** The district boundary: GeoJSON Polygon/MultiPolygon, WGS84. */
    boundary: Type.String({ minLength: 1 }),
    /** Street and community places: points or polygons with a 12-digit `code` and a `name`. */
    places: Type.Optional(Type.String({ minLength: 1 })),
    /** Unit grids: the output of `gridwall grid build` or `gridwall grid import`. */
    grids: Type.Optional(Type.String({ minLength: 1 })),
    /** Responsibility grids (责任网格): a JSON array of {id, name, grids, inspectors}. */
    responsibility: Type.Optional(Type.String({ minLength: 1 })),
    timeZone: Type.Optional(Type.String()),
    attribution: Type.Optional(Type.String({ maxLength: 500 })),
    basemap: Type.Optional(BaseMap),
  },
  { additionalProperties: false },
);
export type CityConfigFile = Static<typeof CityConfigFile>;

export interface CityConfig extends Omit<CityConfigFile, 'boundary' | 'places' | 'grids' | 'responsibility'> {
  /** Absolute paths. */
  boundary: string;
  places?: string;
  grids?: string;
  responsibility?: string;
  file: string;
}

/** Reads and checks a hall config file; every problem is one sentence naming the file and the field. */
export async function readCityConfig(file: string): Promise<CityConfig> {
  const where = `GRIDWALL_CONFIG=${file}`;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new ConfigError('GRIDWALL_CONFIG', `${where}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}.`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new ConfigError('GRIDWALL_CONFIG', `${where} is not valid JSON (${(err as Error).message}).`);
  }
  if (!Value.Check(CityConfigFile, doc)) {
    const e = Value.Errors(CityConfigFile, doc)[0];
    const field = e?.instancePath ? e.instancePath.slice(1).replaceAll('/', '.') : 'the file';
    throw new ConfigError('GRIDWALL_CONFIG', `${where}: ${field} ${e?.message ?? 'is not valid'} (fields: adcode, district {zh, en}, centreName {zh, en}, boundary, places?, grids?, responsibility?, timeZone?, attribution?, basemap?).`);
  }
  const dir = path.dirname(path.resolve(file));
  const at = (p: string | undefined) => (p === undefined ? undefined : path.resolve(dir, p));
  const config: CityConfig = { ...doc, boundary: at(doc.boundary) as string, file: path.resolve(file) };
  const places = at(doc.places);
  const grids = at(doc.grids);
  const responsibility = at(doc.responsibility);
  if (places) config.places = places;
  else delete config.places;
  if (grids) config.grids = grids;
  else delete config.grids;
  if (responsibility) config.responsibility = responsibility;
  else delete config.responsibility;
  return config;
}

/** Reads a responsibility-grid file: a JSON array of {id, name, grids, inspectors}. */
export async function readResponsibility(file: string): Promise<ResponsibilityGrid[]> {
  let doc: unknown;
  try {
    doc = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new ConfigError('GRIDWALL_CONFIG', `${path.basename(file)}: ${(err as Error).message}.`);
  }
  if (!Array.isArray(doc)) throw new ConfigError('GRIDWALL_CONFIG', `${path.basename(file)} must be a JSON array of responsibility grids.`);
  return doc.map((r: unknown, i) => {
    if (!Value.Check(ResponsibilityGrid, r)) {
      const e = Value.Errors(ResponsibilityGrid, r)[0];
      throw new ConfigError('GRIDWALL_CONFIG', `${path.basename(file)}, entry ${i + 1}: ${e?.instancePath || 'entry'} ${e?.message ?? 'is not a responsibility grid'}.`);
    }
    return r;
  });
}
