import { stat } from 'node:fs/promises';
import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { buildGrids, type BuildSummary } from '../../../app/grid/build/build-grids';
import { TooLargeError } from '../../../app/grid/build/district-cells';
import { FeatureProblem } from '../../../app/grid/build/places';
import { InputError } from '../io/read-geojson';
import { readBoundary, readPlaces } from './read-inputs';
import { writeGrids, type Written } from './write-grids';

interface BuildOptions {
  boundary: string;
  code: string;
  streets?: string;
  communities?: string;
  cellSize: number;
  out: string;
}

function adcodeOption(raw: string): string {
  if (!/^\d{6}$/.test(raw.trim())) throw new InvalidArgumentError('expected the 6-digit district code (GB/T 2260), e.g. 110107.');
  return raw.trim();
}

function cellSizeOption(raw: string): number {
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 10 || n > 1000) throw new InvalidArgumentError('expected metres from 10 to 1000 (unit grids are about 100).');
  return n;
}

async function checkWritable(out: string): Promise<void> {
  const dir = path.dirname(path.resolve(out));
  const s = await stat(dir).catch(() => undefined);
  if (!s?.isDirectory()) throw new InputError(out, `cannot be written: there is no folder ${dir}.`);
  const o = await stat(out).catch(() => undefined);
  if (o?.isDirectory()) throw new InputError(out, 'is a folder: give a file name for --out.');
}

const km2 = (a: number) => `${(a / 1e6).toFixed(2)} km²`;
const m2 = (a: number) => (a < 1e4 ? `${a.toFixed(0)} m²` : `${(a / 1e4).toFixed(2)} ha`);
const count = (n: number) => n.toLocaleString('en');

function areasLine(s: BuildSummary): string {
  if (s.partition === 'blocks') {
    const km = ((s.blockM ?? 0) / 1000).toFixed(1).replace(/\.0$/, '');
    return `  areas: none given, so ${count(s.communities)} synthetic blocks of ${km} × ${km} km under street 000 (approximate; not real communities).`;
  }
  const real = s.communities - s.streetAreas;
  const how = s.partition === 'polygons' ? 'from the areas given' : 'from centre points (Voronoi cells: approximate boundaries)';
  if (real === 0) return `  areas: ${count(s.streetAreas)} streets, each one area (no communities given), ${how}.`;
  const without = s.streetAreas > 0 ? ` and ${count(s.streetAreas)} streets without any` : '';
  return `  areas: ${count(real)} communities${without} in ${count(s.streets)} street${s.streets === 1 ? '' : 's'}, ${how}.`;
}

/** The few lines the command prints: what was written, how, and anything approximate or coarsened. */
export function summaryLines(s: BuildSummary, w: Written, out: string, seconds: number): string[] {
  const lines = [
    `Wrote ${count(w.grids)} unit grids to ${out} (${(w.bytes / 1e6).toFixed(1)} MB) in ${seconds.toFixed(1)} s.`,
    areasLine(s),
    `  area: ${km2(w.areaM2)} of the district's ${km2(s.districtM2)}${s.slivers.count ? `; ${count(s.slivers.count)} slivers under 1 m² dropped (${s.slivers.areaM2.toFixed(1)} m²)` : ''}.`,
  ];
  if (w.approximate > 0) lines.push(`  approximate: ${count(w.approximate)} of ${count(w.grids)} grids (their street or community boundaries were derived, not given).`);
  if (s.gapM2 > 0) lines.push(`  gaps: ${m2(s.gapM2)} of the district lay in no area given: given to the nearest area (marked approximate).`);
  if (s.overlapM2 >= 1) lines.push(`  overlaps: ${m2(s.overlapM2)} lay in two areas given: kept by the lower code.`);
  for (const c of s.coarsened) {
    lines.push(`  coarsened: ${c.community}${c.name ? ` ${c.name}` : ''} needed more than 999 grids: ${count(c.grids)} grids of ${c.factor} × ${c.factor} cells.`);
  }
  for (const n of s.notes.slice(0, 10)) lines.push(`  note: ${n}`);
  if (s.notes.length > 10) lines.push(`  note: … and ${s.notes.length - 10} more places ignored.`);
  return lines;
}

/** `gridwall grid build`: unit grids (万米单元网格) for a district, numbered by community. */
export function addBuildCommand(grid: Command): void {
  grid
    .command('build')
    .description('build unit grids (万米单元网格) for a district: a lattice clipped to its boundary, split by community, numbered')
    .requiredOption('--boundary <file>', 'the district boundary: GeoJSON Polygon/MultiPolygon, WGS84 (a file of several districts is fine)')
    .requiredOption('--code <adcode>', "the district's 6-digit code (GB/T 2260), e.g. 110107", adcodeOption)
    .option('--streets <file>', 'streets (街道/镇/乡): Polygon areas or Point centres, each with a 12-digit "code" and a "name"')
    .option('--communities <file>', 'communities (社区/村): Polygon areas or Point centres, each with a 12-digit "code" and a "name"')
    .option('--cell-size <metres>', 'lattice cell size in metres', cellSizeOption, 100)
    .requiredOption('--out <file>', 'where to write the grids (GeoJSON FeatureCollection, WGS84)')
    .action(async (opts: BuildOptions) => {
      const t0 = performance.now();
      await checkWritable(opts.out);
      const boundary = await readBoundary(opts.boundary, opts.code);
      const places = await readPlaces([opts.streets, opts.communities], opts.code);
      let built;
      try {
        built = buildGrids({ adcode: opts.code, cellSize: opts.cellSize, boundary, places });
      } catch (err) {
        if (err instanceof FeatureProblem) throw new InputError(err.file, err.message);
        if (err instanceof TooLargeError) throw new InputError(opts.boundary, `${err.message}.`);
        throw err;
      }
      const written = await writeGrids(opts.out, built);
      process.stdout.write(`${summaryLines(built.summary, written, opts.out, (performance.now() - t0) / 1000).join('\n')}\n`);
    });
}
