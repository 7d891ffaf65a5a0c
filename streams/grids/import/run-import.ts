import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ImportError } from '../../../app/grid/import/fields';
import { importGrids, type ImportReport } from '../../../app/grid/import/import-grids';
import { problemLines } from '../../../app/grid/import/problems';
import { boundaryFrom, communitiesFrom, type Communities } from '../../../app/grid/import/reference-areas';
import type { Polygons } from '../../../app/grid/import/polygon-check';
import type { SourceCrs } from '../../../app/grid/import/source-crs';
import type { UnitGridCollection } from '../../../app/grid/unit-grid';
import { loadConfig, type Env } from '../../config/config';
import { InputError } from '../io/read-geojson';
import { chooseCrs, chooseReferenceCrs, readSource, toWgs84Features, type ChosenCrs } from './read-source';

export interface ImportCommandOptions {
  codeField: string;
  crs?: SourceCrs;
  district?: string;
  boundary?: string;
  communities?: string;
  strict?: boolean;
  out?: string;
}

export interface ImportIo {
  /** The summary (stdout). */
  say(line: string): void;
  /** Problems and warnings (stderr). */
  warn(line: string): void;
  env: Env;
}

/** How many problems of each kind the report shows (all are counted). */
const SHOWN_PER_KIND = 10;

/** Runs a pure step on a file's features; its ImportError becomes an InputError naming that file. */
function about<T>(file: string, step: () => T): T {
  try {
    return step();
  } catch (err) {
    if (err instanceof ImportError) throw new InputError(file, err.message);
    throw err;
  }
}

async function readReference(file: string, grids: ChosenCrs) {
  const src = await readSource(file);
  const chosen = chooseReferenceCrs(src, grids);
  return { chosen, features: toWgs84Features(src, chosen) };
}

const crsText = (c: ChosenCrs) => `${c.crs.label}, ${c.from}`;

/** The GeoJSON text: one feature per line, so a grid set diffs and greps well. */
export function collectionText(c: UnitGridCollection): string {
  const { features, ...head } = c;
  const opening = JSON.stringify(head).slice(0, -1);
  return `${opening},"features":[\n${features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
}

/**
 * `gridwall grid import`: reads a city's unit grids (GeoJSON or Shapefile, any supported CRS), converts them
 * to WGS84 once, checks them, prints what it found and writes a UnitGridCollection — unless `--strict` and
 * something is wrong, in which case nothing is written and the command fails (exit 2).
 */
export async function runImport(file: string, opts: ImportCommandOptions, io: ImportIo): Promise<{ report: ImportReport; written?: string }> {
  const name = path.basename(file);
  const src = await readSource(file);
  const chosen = chooseCrs(src, opts.crs);
  const features = toWgs84Features(src, chosen);
  io.say(`Read ${name}: ${features.length} features in ${crsText(chosen)}.`);

  let boundary: { file: string; polygons: Polygons } | undefined;
  if (opts.boundary) {
    const b = await readReference(opts.boundary, chosen);
    boundary = { file: path.basename(opts.boundary), polygons: about(opts.boundary, () => boundaryFrom(b.features)) };
    io.say(`Read the district boundary ${boundary.file} in ${crsText(b.chosen)}.`);
  }
  let communities: { file: string; communities: Communities } | undefined;
  if (opts.communities) {
    const c = await readReference(opts.communities, chosen);
    communities = { file: path.basename(opts.communities), communities: about(opts.communities, () => communitiesFrom(c.features)) };
    io.say(`Read ${communities.communities.items.length} community ${communities.communities.kind} from ${communities.file} in ${crsText(c.chosen)}.`);
  }

  const report = about(file, () =>
    importGrids(features, {
      file: name,
      codeField: opts.codeField,
      ...(opts.district ? { district: opts.district } : {}),
      ...(boundary ? { boundary } : {}),
      ...(communities ? { communities } : {}),
    }),
  );
  const d = report.district;
  if (d.code) io.say(`Codes from "${report.codeField}"; district ${d.code}${d.inferred ? `, the most common prefix (${d.count} of ${d.total} valid codes; give --district to choose another)` : ` (--district, ${d.count} of ${d.total} valid codes)`}.`);
  const checked = ['codes', 'polygons', 'overlaps', boundary ? `gaps inside ${boundary.file}` : undefined, communities ? `communities in ${communities.file}` : undefined].filter(Boolean);
  const skipped = [boundary ? undefined : 'gaps (give --boundary)', communities ? undefined : 'communities (give --communities)'].filter(Boolean);
  io.say(`Checked ${checked.join(', ')}${skipped.length ? `; not checked: ${skipped.join(', ')}` : ''}.`);

  for (const line of problemLines(report.problems, SHOWN_PER_KIND, 'Problems')) io.warn(line);
  for (const line of problemLines(report.warnings, SHOWN_PER_KIND, 'Warnings')) io.warn(line);
  const n = report.problems.length;
  if (report.collection.features.length === 0) {
    throw new InputError(file, 'has no grid with both a valid code and a valid polygon (problems listed above): nothing was written.');
  }
  if (opts.strict && n > 0) {
    throw new InputError(file, `has ${n} problem${n === 1 ? '' : 's'} (listed above): --strict refuses it, and nothing was written.`);
  }

  const out = path.resolve(opts.out ?? path.join(loadConfig(io.env).dataDir, 'grids', 'grids.geojson'));
  await mkdir(path.dirname(out), { recursive: true });
  // Written beside and renamed, so a hall reading the file never sees half of it.
  const tmp = `${out}.${process.pid}.tmp`;
  await writeFile(tmp, collectionText(report.collection));
  await rename(tmp, out);
  const kept = report.collection.features.length;
  const left = report.leftOut ? ` (${report.leftOut} left out: see the problems above)` : '';
  const w = report.warnings.length;
  const found = n === 0 ? 'no problems found' : `${n} problem${n === 1 ? '' : 's'} listed`;
  io.say(`Wrote ${kept} grid${kept === 1 ? '' : 's'} to ${out}${left}; ${found}${w ? `, and ${w} warning${w === 1 ? '' : 's'}` : ''}.`);
  return { report, written: out };
}
