import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import proj4 from 'proj4';
import { Value } from 'typebox/value';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromWgs84 } from '../../../app/geo/crs';
import { distanceMeters } from '../../../app/geo/lnglat';
import type { Pair } from '../../../app/grid/import/polygon-check';
import { layGrids, ZONE_39_PRJ, type LaidGrid } from '../../../app/grid/import/test-lattice';
import { UnitGridCollection } from '../../../app/grid/unit-grid';
import { gbk, shapefileBytes, writeShapefile, zipBytes, type FieldSpec } from './fixtures/write-shapefile';
import { runImport, type ImportCommandOptions } from './run-import';
import { parseCrsName, type SourceCrs } from '../../../app/grid/import/source-crs';

// 12 grids of 100 m in Shijingshan (石景山), a city's survey in CGCS2000 3° zone 39 (EPSG:4527).
const set = layGrids({ cols: 4, rows: 3 });
// The office's projection, from its own .prj through proj4's WKT reader: independent of GridWall's EPSG table.
const zone39 = proj4(ZONE_39_PRJ, 'EPSG:4326');
const toZone39 = (p: Pair) => zone39.inverse([p[0], p[1]]) as Pair;
const toCm117 = (p: Pair) => proj4(ZONE_39_PRJ.replace('39500000.0', '500000.0'), 'EPSG:4326').inverse([p[0], p[1]]) as Pair;
const FIELDS: FieldSpec[] = [
  { name: 'WGBM', type: 'C', length: 15 },
  { name: 'JDMC', type: 'C', length: 20 },
  { name: 'SQMC', type: 'C', length: 20 },
];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'gw-grid-import-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function records(grids: readonly LaidGrid[], project: (p: Pair) => Pair = toZone39) {
  return grids.map((g) => ({ polygons: [[g.ring.map(project)]], attributes: { WGBM: g.code, JDMC: gbk('鲁谷街道'), SQMC: gbk('重聚园社区') } }));
}

function geojson(name: string, grids: readonly LaidGrid[], project: (p: Pair) => Pair = (p) => p, extra: Record<string, unknown> = {}, field = 'WGBM'): string {
  const file = path.join(dir, name);
  const features = grids.map((g) => ({ type: 'Feature', properties: { [field]: g.code }, geometry: { type: 'Polygon', coordinates: [g.ring.map(project)] } }));
  writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', ...extra, features }));
  return file;
}

function boundaryFile(name: string, geometry: unknown = { type: 'Polygon', coordinates: [set.boundary] }): string {
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry }] }));
  return file;
}

async function run(file: string, opts: Partial<ImportCommandOptions> = {}) {
  const said: string[] = [];
  const warned: string[] = [];
  const out = opts.out ?? path.join(dir, `out-${Math.random().toString(36).slice(2)}.geojson`);
  const r = await runImport(file, { codeField: 'WGBM', out, ...opts }, { say: (l) => said.push(l), warn: (l) => warned.push(l), env: {} });
  const collection = JSON.parse(readFileSync(out, 'utf8')) as UnitGridCollection;
  return { ...r, said, warned, collection };
}

/** Every vertex of every laid grid is within `tolerance` m of the imported one. */
function expectPositions(collection: UnitGridCollection, tolerance = 1): void {
  expect(Value.Check(UnitGridCollection, collection)).toBe(true);
  expect(collection.features).toHaveLength(set.grids.length);
  let worst = 0;
  for (const g of set.grids) {
    const f = collection.features.find((x) => x.properties.code === g.code);
    const ring = (f?.geometry.coordinates as Pair[][])[0] as Pair[];
    for (const p of g.ring) worst = Math.max(worst, Math.min(...ring.map((q) => distanceMeters(p, q))));
  }
  expect(worst).toBeLessThan(tolerance);
}

const crs = (name: string) => parseCrsName(name) as SourceCrs;

describe('grid import: formats and coordinate systems', () => {
  it('imports a Shapefile in CGCS2000 zone 39 (CRS from its .prj, GBK names without a .cpg)', async () => {
    writeShapefile(path.join(dir, 'grids'), records(set.grids), FIELDS, { prj: ZONE_39_PRJ });
    const r = await run(path.join(dir, 'grids.shp'), { boundary: boundaryFile('district.geojson') });
    expectPositions(r.collection);
    expect(r.warned).toEqual([]);
    expect(r.collection.features[0]?.properties).toMatchObject({ streetName: '鲁谷街道', communityName: '重聚园社区', approximate: false });
    expect(r.said[0]).toBe('Read grids.shp: 12 features in CGCS2000 3° Gauss–Krüger zone 39 (EPSG:4527), from grids.prj.');
    expect(r.said).toContain('Read the district boundary district.geojson in WGS84, as its numbers are degrees.');
    expect(r.said.at(-1)).toMatch(/^Wrote 12 grids to .*\.geojson; no problems found\.$/);
  });

  it('imports the same Shapefile from a .zip (with a .cpg)', async () => {
    const files = shapefileBytes(records(set.grids), FIELDS);
    const zip = path.join(dir, 'grids.zip');
    writeFileSync(zip, zipBytes({ 'WG/grids.shp': files.shp, 'WG/grids.shx': files.shx, 'WG/grids.dbf': files.dbf, 'WG/grids.prj': ZONE_39_PRJ, 'WG/grids.cpg': 'GBK' }));
    const r = await run(zip);
    expectPositions(r.collection);
    expect(r.collection.features[0]?.properties.communityName).toBe('重聚园社区');
  });

  it('imports GeoJSON in Gauss–Krüger: named by its "crs" member (CM 117°E), or by --crs', async () => {
    const cm = geojson('cm117.geojson', set.grids, toCm117, { crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4548' } } });
    expectPositions((await run(cm)).collection);
    const zone = geojson('zone39.geojson', set.grids, toZone39);
    const r = await run(zone, { crs: crs('EPSG:4527'), boundary: boundaryFile('district.geojson') });
    expectPositions(r.collection);
    expect(r.said[0]).toBe('Read zone39.geojson: 12 features in CGCS2000 3° Gauss–Krüger zone 39 (EPSG:4527), given by --crs.');
  });

  it('reads a boundary without a CRS of its own in the grid file’s projection when its numbers are metres', async () => {
    writeShapefile(path.join(dir, 'withprj'), records(set.grids), FIELDS, { prj: ZONE_39_PRJ });
    const r = await run(path.join(dir, 'withprj.shp'), { boundary: boundaryFile('gk-district.geojson', { type: 'Polygon', coordinates: [set.boundary.map(toZone39)] }) });
    expect(r.said).toContain('Read the district boundary gk-district.geojson in CGCS2000 3° Gauss–Krüger zone 39 (EPSG:4527), as the grid file.');
    expect(r.report.problems).toEqual([]);
  });

  it('undoes GCJ-02 once', async () => {
    const file = geojson('gcj.geojson', set.grids, (p) => [...fromWgs84(p[0], p[1], 'gcj02')] as Pair);
    expectPositions((await run(file, { crs: crs('gcj02') })).collection);
  });

  it('writes to <GRIDWALL_DATA>/grids/grids.geojson by default', async () => {
    const data = path.join(dir, 'data');
    await runImport(geojson('plain.geojson', set.grids), { codeField: 'WGBM' }, { say: () => {}, warn: () => {}, env: { GRIDWALL_DATA: data } });
    expect(existsSync(path.join(data, 'grids', 'grids.geojson'))).toBe(true);
  });
});

describe('grid import: problems and refusals', () => {
  it('lists problems and imports the rest; --strict refuses and writes nothing', async () => {
    const grids = set.grids.map((g, i) => (i === 5 ? { ...g, ring: set.ring(g.col, g.row, [20, 0, 0, 0]) } : g));
    const file = geojson('overlap.geojson', grids);
    const r = await run(file);
    expect(r.warned).toEqual(['Problems (1):', '  overlaps: 1', expect.stringMatching(/^ {4}overlap\.geojson: grids \d{15} \(feature 5\) and \d{15} \(feature 6\) overlap by 2000 m² around/)]);
    expect(r.collection.features).toHaveLength(12);
    const out = path.join(dir, 'strict.geojson');
    await expect(runImport(file, { codeField: 'WGBM', strict: true, out }, { say: () => {}, warn: () => {}, env: {} })).rejects.toThrow(
      'overlap.geojson: has 1 problem (listed above): --strict refuses it, and nothing was written.',
    );
    expect(existsSync(out)).toBe(false);
  });

  it('says what is wrong with bad input in one sentence naming the file and feature', async () => {
    const write = (name: string, text: string) => {
      writeFileSync(path.join(dir, name), text);
      return path.join(dir, name);
    };
    const swapped = geojson('swapped.geojson', set.grids, (p) => [p[1], p[0]]);
    const metres = geojson('metres.geojson', set.grids, toZone39);
    const cm = geojson('cm.geojson', set.grids, toCm117);
    const degrees = geojson('degrees.geojson', set.grids);
    const bsm = geojson('bsm.geojson', set.grids, undefined, {}, 'BSM');
    const noDbf = path.join(dir, 'nodbf');
    writeShapefile(noDbf, records(set.grids), FIELDS);
    writeFileSync(`${noDbf}.dbf`, '');
    const legacy = path.join(dir, 'bj54');
    writeShapefile(legacy, records(set.grids), FIELDS, { prj: ZONE_39_PRJ.replace('CGCS2000_3_Degree_GK_Zone_39', 'Beijing_1954_3_Degree_GK_Zone_39') });
    const files = shapefileBytes(records(set.grids), FIELDS);
    const twoLayers = path.join(dir, 'two.zip');
    writeFileSync(twoLayers, zipBytes({ 'a.shp': files.shp, 'a.dbf': files.dbf, 'b.shp': files.shp, 'b.dbf': files.dbf }));
    const cases: Array<[string, Partial<ImportCommandOptions>, string | RegExp]> = [
      [write('bad.geojson', '{"type":'), {}, /^bad\.geojson: is not valid JSON \(.*\)\.$/],
      [write('none.geojson', '{"type":"FeatureCollection","features":[]}'), {}, 'none.geojson: has no features.'],
      [path.join(dir, 'missing.geojson'), {}, 'missing.geojson: no such file.'],
      [write('grids.csv', 'a,b'), {}, 'grids.csv: is neither GeoJSON (.geojson, .json) nor a Shapefile (.shp, or a .zip holding one).'],
      [bsm, {}, 'bsm.geojson: no feature has a field "WGBM" (its fields are BSM): give --code-field one of them.'],
      [swapped, {}, /^swapped\.geojson: feature 0 has \(39\.\d+, 116\.\d+\): latitude and longitude look swapped; GeoJSON is \[longitude, latitude\]\.$/],
      [metres, {}, /^metres\.geojson: feature 0 has coordinates like \(394\d{5}\.\d+, 44\d{5}\.\d+\): metres, not degrees; they look like CGCS2000 3° Gauss–Krüger zone 39 \(EPSG:4527\): give --crs EPSG:4527\.$/],
      [metres, { crs: crs('EPSG:4528') }, /^metres\.geojson: feature 0 has easting 394\d+\.\d+, but CGCS2000 3° Gauss–Krüger zone 40 \(EPSG:4528\) \(given by --crs\) expects eastings starting with its zone number 40, not 39: give --crs EPSG:4527 \(CGCS2000 3° Gauss–Krüger zone 39\)\.$/],
      [metres, { crs: crs('EPSG:4548') }, /^metres\.geojson: feature 0 has easting 394\d+\.\d+, but .*CM 117°E \(EPSG:4548\) \(given by --crs\) expects eastings of about 500000 without a zone number: give --crs EPSG:4527 /],
      [cm, { crs: crs('EPSG:4527') }, /^cm\.geojson: feature 0 has easting 4\d{5}\.\d+, but .*zone 39 \(EPSG:4527\) \(given by --crs\) expects eastings starting with its zone number 39: give --crs EPSG:4548 /],
      [cm, { crs: crs('EPSG:3857') }, /^cm\.geojson: feature 0 lies at \(3\.\d{4}, 3\d\.\d{4}\) after conversion from Web Mercator \(EPSG:3857\) \(given by --crs\), far outside China: the CRS looks wrong; they look like CGCS2000 Gauss–Krüger metres without a zone number: give --crs EPSG:4534–4554/],
      [degrees, { crs: crs('EPSG:4527') }, /^degrees\.geojson: feature 0 has \(116\.\d+, 39\.\d+\), longitude and latitude, but .*\(EPSG:4527\) \(given by --crs\) is in metres: the CRS looks wrong — give --crs wgs84, gcj02 or cgcs2000, as the file is\.$/],
      [degrees, { boundary: boundaryFile('line.geojson', { type: 'LineString', coordinates: set.boundary }) }, 'line.geojson: feature 0 is a LineString, not a polygon: close the line into a Polygon.'],
      [write('odd-crs.geojson', JSON.stringify({ type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'EPSG:2436' } }, features: [{ type: 'Feature', properties: {}, geometry: null }] })), {}, /^odd-crs\.geojson: its "crs" member names a CRS GridWall does not know \("EPSG:2436"\): give --crs \(wgs84, /],
      [`${legacy}.shp`, {}, "bj54.shp: its .prj (bj54.prj) is in Beijing_1954_3_Degree_GK_Zone_39, an older datum GridWall cannot convert without the office's transformation parameters: convert the file to CGCS2000 first."],
      [`${noDbf}.shx`, {}, 'nodbf.shx: is neither GeoJSON (.geojson, .json) nor a Shapefile (.shp, or a .zip holding one).'],
      [twoLayers, {}, 'two.zip: holds 2 Shapefiles (a.shp, b.shp): zip only the unit grids, or unzip it and give that .shp.'],
    ];
    for (const [file, opts, message] of cases) {
      await expect(runImport(file, { codeField: 'WGBM', out: path.join(dir, 'never.geojson'), ...opts }, { say: () => {}, warn: () => {}, env: {} }), path.basename(file)).rejects.toThrow(message);
    }
    expect(existsSync(path.join(dir, 'never.geojson'))).toBe(false);
  });

  it('lists missing codes and self-intersections as problems, naming feature and code', async () => {
    const file = path.join(dir, 'faults.geojson');
    const features = set.grids.slice(0, 3).map((g, i) => ({
      type: 'Feature',
      properties: { WGBM: i === 0 ? null : g.code },
      geometry: { type: 'Polygon', coordinates: [i === 2 ? [g.ring[0], g.ring[2], g.ring[1], g.ring[3], g.ring[0]] : g.ring] },
    }));
    writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features }));
    const r = await run(file);
    expect(r.warned).toEqual([
      'Problems (2):',
      '  without a code: 1',
      '    faults.geojson: feature 0 has no value in "WGBM": give it its 15-digit grid code.',
      '  self-intersections: 1',
      expect.stringMatching(new RegExp(`^ {4}faults\\.geojson: feature 2 \\(${set.grids[2]?.code}\\) crosses itself at \\(116\\.\\d{6}, 39\\.\\d{6}\\): redraw its boundary so no edges cross\\.$`)),
    ]);
    expect(r.collection.features.map((f) => f.properties.code)).toEqual([set.grids[1]?.code]);
  });
});
