import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import proj4 from 'proj4';
import { Value } from 'typebox/value';
import { afterAll, describe, expect, it } from 'vitest';
import type { Pair } from '../../../app/grid/import/polygon-check';
import { layGrids, ZONE_39_PRJ } from '../../../app/grid/import/test-lattice';
import { UnitGridCollection } from '../../../app/grid/unit-grid';
import { writeShapefile } from './fixtures/write-shapefile';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');

function gridwall(args: string[]) {
  const r = spawnSync(process.execPath, ['bin/gridwall.mjs', 'grid', 'import', ...args], {
    cwd: ROOT,
    env: { ...process.env, GRIDWALL_DATA: path.join(ROOT, 'test-results', 'grid-import-data') },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('gridwall grid import (end to end)', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gw-grid-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const set = layGrids({ cols: 6, rows: 4, block: [3, 4] });
  const zone39 = proj4(ZONE_39_PRJ, 'EPSG:4326');
  const write = (name: string, shiftOne: boolean) =>
    writeShapefile(
      path.join(dir, name),
      set.grids.map((g, i) => ({
        polygons: [[(shiftOne && i === 1 ? set.ring(g.col, g.row, [30, 0, 0, 0]) : g.ring).map((p) => zone39.inverse([p[0], p[1]]) as Pair)]],
        attributes: { WGBM: g.code },
      })),
      [{ name: 'WGBM', type: 'C', length: 15 }],
      { prj: ZONE_39_PRJ },
    );
  write('grids', false);
  write('overlapping', true);
  const boundary = path.join(dir, 'district.geojson');
  writeFileSync(boundary, JSON.stringify({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [set.boundary] } }));
  // Community polygons: two blocks of 3 × 4 cells, as the city's 社区 layer.
  const communities = path.join(dir, 'communities.geojson');
  const block = (c0: number, code: string) => ({
    type: 'Feature',
    properties: { SQDM: code, NAME: `社区${code.slice(-1)}` },
    geometry: { type: 'Polygon', coordinates: [[set.ring(c0, 0)[0], set.ring(c0 + 2, 0)[1], set.ring(c0 + 2, 3)[2], set.ring(c0, 3)[3], set.ring(c0, 0)[0]]] },
  });
  writeFileSync(communities, JSON.stringify({ type: 'FeatureCollection', features: [block(0, '110107001001'), block(3, '110107001002')] }));

  it('imports a Shapefile with every check and writes a valid grid set', () => {
    const out = path.join(dir, 'out', 'grids.geojson');
    const r = gridwall([path.join(dir, 'grids.shp'), '--code-field', 'WGBM', '--boundary', boundary, '--communities', communities, '--district', '110107', '--out', out]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Read grids.shp: 24 features in CGCS2000 3° Gauss–Krüger zone 39 (EPSG:4527), from grids.prj.');
    expect(r.out).toContain('Checked codes, polygons, overlaps, gaps inside district.geojson, communities in communities.geojson.');
    expect(r.out).toContain(`Wrote 24 grids to ${out}; no problems found.`);
    const collection = JSON.parse(readFileSync(out, 'utf8')) as UnitGridCollection;
    expect(Value.Check(UnitGridCollection, collection)).toBe(true);
    expect(collection.features[0]?.properties).toMatchObject({ code: '110107001001001', communityName: '社区1', approximate: false });
  });

  it('with --strict, refuses a set with problems: exit 2, the problems listed, nothing written', () => {
    const out = path.join(dir, 'strict.geojson');
    const r = gridwall([path.join(dir, 'overlapping.shp'), '--code-field', 'WGBM', '--boundary', boundary, '--strict', '--out', out]);
    expect(r.code).toBe(2);
    const lines = r.err.trim().split('\n');
    expect(lines[0]).toBe('Problems (2):');
    expect(r.err).toMatch(/overlapping\.shp: grids 110107001001002 \(feature 1\) and 110107001001003 \(feature 2\) overlap by 3000 m² around/);
    expect(r.err).toMatch(/overlapping\.shp: 3000 m² around \(116\.\d{6}, 39\.\d{6}\) inside district\.geojson is in no grid \(next to /);
    expect(lines.at(-1)).toBe('gridwall: overlapping.shp: has 2 problems (listed above): --strict refuses it, and nothing was written.');
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses bad options and bad input in one sentence', () => {
    const crs = gridwall([path.join(dir, 'grids.shp'), '--code-field', 'WGBM', '--crs', 'EPSG:9999']);
    expect(crs.code).not.toBe(0);
    expect(crs.err).toContain('"EPSG:9999" is not a CRS GridWall knows');
    const metres = gridwall([path.join(dir, 'grids.shp'), '--code-field', 'WGBM', '--crs', 'wgs84', '--out', path.join(dir, 'x.geojson')]);
    expect(metres.code).toBe(2);
    expect(metres.err.trim()).toMatch(/^gridwall: grids\.shp: feature 0 has coordinates like \(.*\): metres, not degrees; they look like CGCS2000 3° Gauss–Krüger zone 39 \(EPSG:4527\): give --crs EPSG:4527\.$/);
  });
});
