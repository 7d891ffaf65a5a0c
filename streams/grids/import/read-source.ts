import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { eastingMismatch, guessProjected, guessText, nearChina } from '../../../app/grid/import/crs-hints';
import { converterTo84, crsFromPrj, CRS_CHOICES, mapPositions, parseCrsName, type SourceCrs } from '../../../app/grid/import/source-crs';
import { checkDegrees, InputError, positionsOf, readGeoJsonFile, type InputFeature } from '../io/read-geojson';
import { shapefileFeatures, shapefileFromDisk, shapefileFromZip } from './read-shapefile';

/** A file's features in its own coordinates, and the CRS it declares (a .prj, a GeoJSON "crs" member). */
export interface SourceRead {
  file: string;
  features: InputFeature[];
  /** `from` completes "read in <CRS>, …"; `what` names the declaration in an error. */
  declared?: { from: string; what: string } & ({ crs: SourceCrs } | { problem: string; fix?: string });
}

/** The CRS a file is read in, and why, for the report. */
export interface ChosenCrs {
  crs: SourceCrs;
  from: string;
}

const WGS84 = parseCrsName('wgs84') as SourceCrs;

/** The "crs" member of a GeoJSON file (2008 spec; RFC 7946 dropped it, but GIS exports still write it). */
async function geoJsonCrsName(file: string): Promise<string | undefined> {
  // readGeoJsonFile has already read and checked the file; this second parse only looks for the member.
  const doc = JSON.parse((await readFile(file, 'utf8')).replace(/^\uFEFF/, '')) as { crs?: { properties?: { name?: unknown } } };
  const name = doc?.crs?.properties?.name;
  return typeof name === 'string' ? name : undefined;
}

/** Reads GeoJSON (.geojson, .json) or a Shapefile (.shp beside its .dbf/.prj/.cpg, or a .zip of them). */
export async function readSource(file: string): Promise<SourceRead> {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.geojson' || ext === '.json') {
    const features = await readGeoJsonFile(file);
    const name = await geoJsonCrsName(file);
    if (name === undefined) return { file, features };
    const crs = parseCrsName(name);
    const at = { from: 'from its "crs" member', what: 'its "crs" member' };
    return { file, features, declared: crs ? { crs, ...at } : { problem: `names a CRS GridWall does not know ("${name}")`, ...at } };
  }
  if (ext === '.shp' || ext === '.zip') {
    let parts;
    if (ext === '.shp') parts = await shapefileFromDisk(file);
    else {
      const buf = await readFile(file).catch(() => {
        throw new InputError(file, 'no such file.');
      });
      parts = shapefileFromZip(file, buf);
    }
    const features = shapefileFeatures(parts, file);
    if (parts.prj === undefined) return { file, features };
    const reading = crsFromPrj(parts.prj);
    return { file, features, declared: { ...reading, from: `from ${parts.prjName}`, what: `its .prj (${parts.prjName})` } };
  }
  const exists = await stat(file).then(
    () => true,
    () => false,
  );
  throw new InputError(file, exists ? 'is neither GeoJSON (.geojson, .json) nor a Shapefile (.shp, or a .zip holding one).' : 'no such file.');
}

function declaredCrs(src: SourceRead): ChosenCrs | undefined {
  if (!src.declared) return undefined;
  const d = src.declared;
  if ('problem' in d) throw new InputError(src.file, `${d.what} ${d.problem}: ${d.fix ?? `give --crs (${CRS_CHOICES})`}.`);
  return { crs: d.crs, from: d.from };
}

/** The grid file's CRS: --crs, else what the file declares, else WGS84. */
export function chooseCrs(src: SourceRead, option: SourceCrs | undefined): ChosenCrs {
  if (option) return { crs: option, from: 'given by --crs' };
  return declaredCrs(src) ?? { crs: WGS84, from: 'by default' };
}

/**
 * A reference file's CRS (boundary, communities): what it declares, else the grid file's when its numbers
 * fit it (an office's files usually share one CRS), else WGS84 (plain GeoJSON beside projected grids).
 */
export function chooseReferenceCrs(src: SourceRead, grids: ChosenCrs): ChosenCrs {
  const declared = declaredCrs(src);
  if (declared) return declared;
  const first = positionsOf(src.features.find((f) => f.geometry)?.geometry?.coordinates).next().value;
  const degrees = first !== undefined && Math.abs(first[0] ?? 0) <= 180 && Math.abs(first[1] ?? 0) <= 90;
  if (grids.crs.kind === 'projected' && degrees) return { crs: WGS84, from: 'as its numbers are degrees' };
  return { crs: grids.crs, from: grids.from === 'given by --crs' ? grids.from : 'as the grid file' };
}

/**
 * Converts every feature to WGS84 once, then checks the result: projected metres read as degrees, swapped
 * latitude and longitude, and positions far from China (a wrong CRS) are each one sentence naming the
 * feature and the --crs to try.
 */
export function toWgs84Features(src: SourceRead, chosen: ChosenCrs): InputFeature[] {
  const { file } = src;
  const { crs } = chosen;
  const convert = converterTo84(crs);
  return src.features.map((f) => {
    if (!f.geometry) return f;
    const first = positionsOf(f.geometry.coordinates).next().value;
    const [x, y] = first ?? [];
    if (typeof x === 'number' && typeof y === 'number') {
      if (crs.kind === 'projected' && Math.abs(x) <= 180 && Math.abs(y) <= 90) {
        throw new InputError(file, `feature ${f.index} has (${x}, ${y}), longitude and latitude, but ${crs.label} (${chosen.from}) is in metres: the CRS looks wrong — give --crs wgs84, gcj02 or cgcs2000, as the file is.`);
      }
      const mismatch = eastingMismatch(crs, x);
      if (mismatch) {
        const s = mismatch.suggest;
        const fix = s?.kind === 'projected' && s.epsg ? `give --crs EPSG:${s.epsg} (${s.label.replace(/ \(EPSG:\d+\)$/, '')})` : 'check --crs';
        throw new InputError(file, `feature ${f.index} has easting ${x}, but ${crs.label} (${chosen.from}) expects ${mismatch.expected}: ${fix}.`);
      }
      if (crs.kind === 'geographic' && (Math.abs(x) > 180 || Math.abs(y) > 90)) {
        const guess = guessProjected(x, y);
        if (guess) throw new InputError(file, `feature ${f.index} has coordinates like (${x}, ${y}): metres, not degrees; ${guessText(guess)}.`);
      }
    }
    if (crs.kind === 'geographic') checkDegrees(positionsOf(f.geometry.coordinates), file, f.index);
    const coordinates = mapPositions(f.geometry.coordinates, convert);
    if (crs.kind === 'projected') {
      for (const [lon, lat] of positionsOf(coordinates)) {
        if (!Number.isFinite(lon) || !Number.isFinite(lat)) throw wrongCrs(file, f.index, [x ?? NaN, y ?? NaN], chosen, undefined);
      }
    }
    checkDegrees(positionsOf(coordinates), file, f.index);
    for (const p of positionsOf(coordinates)) {
      if (!nearChina(p[0] as number, p[1] as number)) throw wrongCrs(file, f.index, [x ?? NaN, y ?? NaN], chosen, [p[0] as number, p[1] as number]);
    }
    return { ...f, geometry: { type: f.geometry.type, coordinates } };
  });
}

function wrongCrs(file: string, index: number, raw: [number, number], chosen: ChosenCrs, at: [number, number] | undefined): InputError {
  const from = `${chosen.crs.label} (${chosen.from})`;
  const what = at ? `lies at (${at[0].toFixed(4)}, ${at[1].toFixed(4)}) after conversion from ${from}, far outside China` : `cannot be converted from ${from}`;
  const guessed = guessProjected(raw[0], raw[1]);
  const guess = guessed && !('crs' in guessed && guessed.crs.label === chosen.crs.label) ? guessed : undefined;
  const hint = guess ? `; ${guessText(guess)}` : chosen.crs.kind === 'geographic' ? '' : '; if the file is in longitude/latitude, give --crs wgs84, gcj02 or cgcs2000';
  return new InputError(file, `feature ${index} ${what}: the CRS looks wrong${hint}.`);
}
