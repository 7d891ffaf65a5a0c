import { InvalidArgumentError, type Command } from 'commander';
import { CRS_CHOICES, parseCrsName, type SourceCrs } from '../../../app/grid/import/source-crs';
import { runImport, type ImportCommandOptions } from './run-import';

function crsOption(raw: string): SourceCrs {
  const crs = parseCrsName(raw);
  if (!crs) throw new InvalidArgumentError(`"${raw}" is not a CRS GridWall knows: use ${CRS_CHOICES}.`);
  return crs;
}

function districtOption(raw: string): string {
  const v = raw.trim();
  if (!/^\d{6}$/.test(v)) throw new InvalidArgumentError(`"${raw}" is not a district code: use its 6 digits (GB/T 2260), e.g. 110107.`);
  return v;
}

function fieldOption(raw: string): string {
  if (!raw.trim()) throw new InvalidArgumentError('name the attribute that holds the 15-digit grid codes.');
  return raw.trim();
}

/** `gridwall grid import`: a city GIS office's own unit grids (万米单元网格), checked and stored in WGS84. */
export function addImportCommand(grid: Command): void {
  grid
    .command('import')
    .description('import a city’s own unit grids (万米单元网格) from GeoJSON or a Shapefile, checking codes, polygons, overlaps, gaps and communities')
    .argument('<file>', 'GeoJSON, or an ESRI Shapefile (.shp beside its .dbf and .prj, or a .zip holding them)')
    .requiredOption('--code-field <field>', 'the attribute that holds each grid’s 15-digit code', fieldOption)
    .option('--crs <crs>', `the file’s coordinates: ${CRS_CHOICES} (default: from its .prj or "crs", else WGS84); also the boundary’s and communities’ unless they name their own`, crsOption)
    .option('--district <code>', 'the 6-digit district code every grid code starts with (default: the most common prefix)', districtOption)
    .option('--boundary <file>', 'the district’s boundary polygon (GeoJSON or Shapefile), to find gaps between grids')
    .option('--communities <file>', 'community polygons or points with 12-digit codes, to check each grid lies in the community its code names')
    .option('--strict', 'refuse the import if anything is wrong: exit 2 and write nothing')
    .option('--out <file>', 'where to write the grids (default: <GRIDWALL_DATA or the data dir>/grids/grids.geojson)')
    .action(async (file: string, opts: ImportCommandOptions) => {
      await runImport(file, opts, {
        say: (line) => process.stdout.write(`${line}\n`),
        warn: (line) => process.stderr.write(`${line}\n`),
        env: process.env,
      });
    });
}
