import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseDbf, parseShp } from 'shpjs';
import { InputError, type InputFeature } from '../io/read-geojson';
import { readZip } from './read-zip';

/** The files of one Shapefile layer, as bytes (.shp, .dbf) and text (.prj, .cpg). */
export interface ShapefileParts {
  shp: Buffer;
  dbf?: Buffer;
  prj?: string;
  cpg?: string;
  /** Where the .prj came from, for the report. */
  prjName?: string;
}

/** A Shapefile on disk: the .shp given, its .dbf, .prj and .cpg beside it (any case of extension). */
export async function shapefileFromDisk(file: string): Promise<ShapefileParts> {
  const dir = path.dirname(file);
  const base = path.basename(file, path.extname(file)).toLowerCase();
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    throw new InputError(file, 'no such file.');
  }
  const sibling = (ext: string) => names.find((n) => n.toLowerCase() === `${base}.${ext}`);
  if (!names.includes(path.basename(file))) throw new InputError(file, 'no such file.');
  const read = async (name: string | undefined) => (name ? readFile(path.join(dir, name)) : undefined);
  const shp = await readFile(file);
  const [dbf, prj, cpg] = await Promise.all([read(sibling('dbf')), read(sibling('prj')), read(sibling('cpg'))]);
  const prjName = sibling('prj');
  return { shp, ...(dbf ? { dbf } : {}), ...(prj ? { prj: prj.toString('utf8'), prjName: prjName as string } : {}), ...(cpg ? { cpg: cpg.toString('latin1') } : {}) };
}

/** The one Shapefile layer in a .zip, with the files that share its name. */
export function shapefileFromZip(file: string, buf: Buffer): ShapefileParts {
  let files: Map<string, Buffer>;
  try {
    files = readZip(buf);
  } catch (err) {
    throw new InputError(file, `cannot be opened: ${(err as Error).message}.`);
  }
  const names = [...files.keys()].filter((n) => !n.includes('__MACOSX'));
  const layers = names.filter((n) => n.toLowerCase().endsWith('.shp'));
  if (layers.length === 0) throw new InputError(file, 'holds no Shapefile (.shp): zip the .shp with its .dbf and .prj.');
  if (layers.length > 1) throw new InputError(file, `holds ${layers.length} Shapefiles (${layers.slice(0, 4).join(', ')}): zip only the unit grids, or unzip it and give that .shp.`);
  const shpName = layers[0] as string;
  const stem = shpName.slice(0, -4).toLowerCase();
  const part = (ext: string) => {
    const name = names.find((n) => n.toLowerCase() === `${stem}.${ext}`);
    return name === undefined ? undefined : { name, data: files.get(name) as Buffer };
  };
  const dbf = part('dbf');
  const prj = part('prj');
  const cpg = part('cpg');
  return {
    shp: files.get(shpName) as Buffer,
    ...(dbf ? { dbf: dbf.data } : {}),
    ...(prj ? { prj: prj.data.toString('utf8'), prjName: path.basename(prj.name) } : {}),
    ...(cpg ? { cpg: cpg.data.toString('latin1') } : {}),
  };
}

/**
 * The text encoding of a .dbf: its .cpg when there is one (Chinese offices write "GBK", "936" or "ANSI 936"),
 * else code page 936 when the header's language byte says so, else UTF-8 if the records are valid UTF-8,
 * else GB18030 (a superset of GBK), since a Chinese file without a .cpg is almost always GBK.
 */
export function dbfEncoding(cpg: string | undefined, dbf: Buffer): string {
  const label = cpg?.trim().toLowerCase().replace(/^ansi\s+/, '');
  if (label) {
    if (['utf-8', 'utf8', '65001'].includes(label)) return 'utf-8';
    if (['936', 'cp936', 'gbk', 'gb2312', 'gb18030', 'windows-936', 'ms936'].includes(label)) return 'gb18030';
    try {
      return new TextDecoder(label).encoding;
    } catch {
      // An unknown label: fall through to what the bytes say.
    }
  }
  if (dbf.length > 29 && dbf[29] === 0x4d) return 'gb18030';
  const headerLen = dbf.length >= 10 ? dbf.readUInt16LE(8) : 0;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(dbf.subarray(Math.min(headerLen, dbf.length)));
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

/**
 * A Shapefile's records as features, in the file's own coordinates: shpjs reads the shapes but is never
 * given the .prj (it would reproject on its own); the caller converts once, from the CRS it settled on.
 */
export function shapefileFeatures(parts: ShapefileParts, file: string): InputFeature[] {
  if (parts.shp.length < 100 || parts.shp.readInt32BE(0) !== 9994) throw new InputError(file, 'is not a Shapefile (.shp): it does not start like one.');
  if (!parts.dbf) throw new InputError(file, 'has no .dbf beside it: the grid codes are in the .dbf, so give the .shp with its .dbf (and .prj).');
  let shapes: ReturnType<typeof parseShp>;
  let rows: ReturnType<typeof parseDbf>;
  try {
    shapes = parseShp(parts.shp);
  } catch (err) {
    throw new InputError(file, `cannot be read as a Shapefile (${(err as Error).message}).`);
  }
  try {
    rows = parseDbf(parts.dbf, dbfEncoding(parts.cpg, parts.dbf));
  } catch (err) {
    throw new InputError(file, `has a .dbf that cannot be read (${(err as Error).message}).`);
  }
  if (shapes.length === 0) throw new InputError(file, 'has no features.');
  if (rows.length !== shapes.length) {
    throw new InputError(file, `has ${shapes.length} shapes but its .dbf has ${rows.length} rows: the .shp and .dbf do not belong together.`);
  }
  return shapes.map((g, index) => ({
    index,
    properties: rows[index] ?? {},
    geometry: g ? { type: g.type, coordinates: g.coordinates } : null,
  }));
}
