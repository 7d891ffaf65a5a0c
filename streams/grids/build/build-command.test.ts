import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import Value from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { auditGrids } from '../../../app/grid/build/audit';
import { buildGrids } from '../../../app/grid/build/build-grids';
import { layDistrict } from '../../../app/grid/build/district-cells';
import { UnitGridCollection } from '../../../app/grid/unit-grid';
import { addBuildCommand } from './build-command';
import { readBoundary, readPlaces } from './read-inputs';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
const OUTLINE = path.join(ROOT, 'streams/city/data/shijingshan-outline.geojson');
const PLACES = path.join(ROOT, 'streams/city/data/shijingshan-places.geojson');
const DONGCHENG = path.join(import.meta.dirname, 'fixtures/dongcheng-110101.geojson');

function gridwall(args: string[]) {
  const r = spawnSync(process.execPath, ['bin/gridwall.mjs', 'grid', 'build', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The collection is valid, every code unique and consistent, areas add up to the district, nothing overlaps. */
function expectSound(c: UnitGridCollection, districtM2: number) {
  expect(Value.Check(UnitGridCollection, c)).toBe(true);
  expect(new Set(c.features.map((f) => f.properties.code)).size).toBe(c.features.length);
  for (const f of c.features) expect(f.properties.code.slice(0, 12)).toBe(f.properties.community);
  const audit = auditGrids(c);
  expect(Math.abs(audit.areaM2 / districtM2 - 1)).toBeLessThan(0.005);
  expect(audit.overlapM2).toBeLessThan(1);
  const sum = c.features.reduce((s, f) => s + f.properties.areaM2, 0);
  expect(Math.abs(sum / districtM2 - 1)).toBeLessThan(0.005);
  return audit;
}

describe('gridwall grid build', () => {
  it('builds Shijingshan from its outline and place points, writes valid grids and says what it did', async () => {
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'gw-build-')), 'shijingshan.geojson');
    const r = gridwall(['--boundary', OUTLINE, '--code', '110107', '--communities', PLACES, '--out', out]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines[0]).toMatch(/^Wrote 9,309 unit grids to .*shijingshan\.geojson \([\d.]+ MB\) in [\d.]+ s\.$/);
    expect(r.out).toContain('areas: 54 communities in 9 streets, from centre points (Voronoi cells: approximate boundaries).');
    expect(r.out).toMatch(/area: 85\.05 km² of the district's 85\.05 km²/);
    expect(r.out).toContain('approximate: 9,309 of 9,309 grids');
    expect(r.out).toContain('coarsened: 110107010003 黑石头社区 needed more than 999 grids: 353 grids of 2 × 2 cells.');

    const c = JSON.parse(readFileSync(out, 'utf8')) as UnitGridCollection;
    expect(c.adcode).toBe('110107');
    expect(c.lattice).toMatchObject({ cellSize: 100, cols: 128, rows: 133 });
    expect(c.lattice!.proj).toMatch(/^\+proj=tmerc /);
    expect(c.features[0]!.properties).toMatchObject({ code: '110107001001001', street: '110107001000', community: '110107001001', streetName: '八宝山街道', communityName: '电科院社区', approximate: true });
    expectSound(c, layDistrict(await readBoundary(OUTLINE, '110107'), 100).areaM2);
  }, 60_000);

  it('builds Dongcheng (110101) from its boundary alone: synthetic blocks, area conserved, no overlaps', async () => {
    const built = buildGrids({ adcode: '110101', cellSize: 100, boundary: await readBoundary(DONGCHENG, '110101'), places: [] });
    const c: UnitGridCollection = { type: 'FeatureCollection', adcode: built.adcode, lattice: built.lattice, features: [...built.features()] };
    expect(built.summary).toMatchObject({ partition: 'blocks', grids: c.features.length, streets: 1 });
    expect(c.features.every((f) => f.properties.street === '110101000000' && f.properties.approximate)).toBe(true);
    const audit = expectSound(c, built.summary.districtM2);
    expect(audit.areaM2 / 1e6).toBeCloseTo(41.9, 0);
  });

  it('builds Shijingshan the same twice (stable codes)', async () => {
    const input = { adcode: '110107', cellSize: 100, boundary: await readBoundary(OUTLINE, '110107'), places: await readPlaces([PLACES], '110107') };
    const a = [...buildGrids(input).features()];
    const b = [...buildGrids(input).features()];
    expect(a.map((f) => f.properties.code)).toEqual(b.map((f) => f.properties.code));
    expect(JSON.stringify(a.slice(0, 200))).toBe(JSON.stringify(b.slice(0, 200)));
  });

  it('says what is wrong with an option or a file in one sentence, without a stack trace', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'gw-build-bad-'));
    // Options, in process: commander's own one-line error.
    for (const [args, message] of [
      [['--code', '11010'], "error: option '--code <adcode>' argument '11010' is invalid. expected the 6-digit district code (GB/T 2260), e.g. 110107."],
      [['--code', '110107', '--cell-size', '5'], "error: option '--cell-size <metres>' argument '5' is invalid. expected metres from 10 to 1000 (unit grids are about 100)."],
    ] as const) {
      let err = '';
      const program = new Command().exitOverride().configureOutput({ writeErr: (s) => (err += s) });
      addBuildCommand(program.command('grid').exitOverride().configureOutput({ writeErr: (s) => (err += s) }));
      expect(() => program.parse(['node', 'gridwall', 'grid', 'build', '--boundary', OUTLINE, ...args, '--out', path.join(dir, 'x.geojson')])).toThrow();
      expect(err.trim()).toBe(message);
    }

    const bowtie = path.join(dir, 'bowtie.geojson');
    writeFileSync(bowtie, JSON.stringify({ type: 'Polygon', coordinates: [[[116.1, 39.9], [116.2, 40.0], [116.2, 39.9], [116.1, 40.0], [116.1, 39.9]]] }));
    const r = gridwall(['--boundary', bowtie, '--code', '110107', '--out', path.join(dir, 'x.geojson')]);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err.trim()).toMatch(/^gridwall: bowtie\.geojson: feature 0 crosses itself near \(116\.150000, 39\.950000\): fix the self-intersection/);
  }, 60_000);
});
