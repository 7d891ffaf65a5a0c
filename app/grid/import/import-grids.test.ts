import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { UnitGridCollection } from '../unit-grid';
import { importGrids, type ImportOptions } from './import-grids';
import type { Pair } from './polygon-check';
import { areaOf, boxOf, toPlanar } from './planar';
import { problemLines } from './problems';
import { communitiesFrom, type SourceFeature } from './reference-areas';
import { gridFeatures, layGrids } from './test-lattice';
import { buildUnionTree } from './union-tree';

const base: ImportOptions = { file: 'grids.shp', codeField: 'WGBM' };
const kinds = (r: { problems: Array<{ kind: string }> }) => r.problems.map((p) => p.kind);

describe('importGrids', () => {
  const set = layGrids({ cols: 20, rows: 10 });

  it('imports a clean set: schema-valid, street and community from the code, 10,000 m² each, nothing to report', () => {
    const r = importGrids(gridFeatures(set.grids), { ...base, boundary: { file: 'district.geojson', polygons: [[set.boundary]] } });
    expect(r.problems).toEqual([]);
    expect(Value.Check(UnitGridCollection, r.collection)).toBe(true);
    expect(r.collection.adcode).toBe('110107');
    expect(r.district).toEqual({ code: '110107', inferred: true, count: 200, total: 200 });
    const first = r.collection.features[0]?.properties;
    expect(first).toMatchObject({ code: '110107001001001', street: '110107001000', community: '110107001001', approximate: false });
    for (const f of r.collection.features) expect(Math.abs(f.properties.areaM2 - 10_000)).toBeLessThan(0.5);
  });

  it('reports overlaps above 1 m² with both codes and the area, and ignores slivers below', () => {
    const features = gridFeatures(set.grids);
    const moved = set.grids.findIndex((g) => g.col === 5 && g.row === 5);
    const sliver = set.grids.findIndex((g) => g.col === 12 && g.row === 2);
    (features[moved] as SourceFeature).geometry = { type: 'Polygon', coordinates: [set.ring(5, 5, [10, 0, 0, 0])] };
    (features[sliver] as SourceFeature).geometry = { type: 'Polygon', coordinates: [set.ring(12, 2, [0, 0, 0.005, 0])] };
    const r = importGrids(features, base);
    expect(kinds(r)).toEqual(['overlap']);
    const east = set.grids.find((g) => g.col === 6 && g.row === 5)?.code as string;
    expect(r.problems[0]?.codes).toEqual([set.grids[moved]?.code, east]);
    expect(r.problems[0]?.message).toMatch(new RegExp(`^grids.shp: grids ${set.grids[moved]?.code} \\(feature ${moved}\\) and ${east} \\(feature ${moved + 1}\\) overlap by 1000 m² around \\(116\\.\\d{6}, 39\\.\\d{6}\\): fix their shared edge\\.$`));
    expect(r.problems[0]?.leftOut).toBe(false);
    expect(r.collection.features).toHaveLength(200);
  });

  it('reports gaps above 100 m² inside the boundary with the grids around them', () => {
    const hole = set.grids.findIndex((g) => g.col === 3 && g.row === 7);
    const shrunk = set.grids.findIndex((g) => g.col === 15 && g.row === 3);
    const features = gridFeatures(set.grids.filter((_, i) => i !== hole));
    // Shrunk by 0.5 m on its east side: a 50 m² gap, below the threshold.
    (features.find((f) => f.properties.WGBM === set.grids[shrunk]?.code) as SourceFeature).geometry = { type: 'Polygon', coordinates: [set.ring(15, 3, [0, 0, -0.5, 0])] };
    const r = importGrids(features, { ...base, boundary: { file: 'district.geojson', polygons: [[set.boundary]] } });
    expect(kinds(r)).toEqual(['gap']);
    const at = (c: number, w: number) => set.grids.find((g) => g.col === c && g.row === w)?.code;
    expect(new Set(r.problems[0]?.codes)).toEqual(new Set([at(3, 8), at(2, 7), at(4, 7), at(3, 6)]));
    expect(r.problems[0]?.message).toMatch(/^grids\.shp: 10000 m² around \(116\.\d{6}, 39\.\d{6}\) inside district\.geojson is in no grid \(next to \d{15}, \d{15}, \d{15}, \d{15}\): extend those grids or add one\.$/);
  });

  it('checks codes: missing, malformed, duplicate, another district; those grids are left out', () => {
    const features = gridFeatures(set.grids.slice(0, 8));
    const props = (i: number) => (features[i] as SourceFeature).properties;
    props(1).WGBM = '';
    props(2).WGBM = '11010700100100';
    props(3).WGBM = '110107001001000';
    props(4).WGBM = set.grids[0]?.code;
    props(5).WGBM = '110108001001006';
    props(6).WGBM = 110107001001007; // a .dbf numeric column
    const r = importGrids(features, base);
    expect(r.problems.map((p) => [p.kind, p.features])).toEqual([
      ['missing-code', [1]],
      ['malformed-code', [2]],
      ['malformed-code', [3]],
      ['duplicate-code', [0, 4]],
      ['other-district', [5]],
    ]);
    expect(r.problems.map((p) => p.message)).toEqual([
      'grids.shp: feature 1 has no value in "WGBM": give it its 15-digit grid code.',
      'grids.shp: feature 2 has code "11010700100100", which has 14 digits, not 15 (community 12 + sequence 3): give it a 15-digit grid code (its community\'s 12 digits, then 001–999).',
      'grids.shp: feature 3 has code "110107001001000", whose sequence is 000 (grids are numbered from 001): give it a 15-digit grid code (its community\'s 12 digits, then 001–999).',
      `grids.shp: feature 4 has code ${set.grids[0]?.code}, already used by feature 0: give one of them another code (only feature 0 was imported).`,
      'grids.shp: feature 5 (110108001001006) is not in district 110107: fix its code, or give --district if this is the district to import.',
    ]);
    expect(r.collection.features.map((f) => f.properties.code)).toEqual([set.grids[0]?.code, '110107001001007', set.grids[7]?.code]);
    expect(r.leftOut).toBe(5);
    expect(problemLines(r.problems, 1, 'Problems')).toEqual([
      'Problems (5):',
      '  without a code: 1',
      `    ${r.problems[0]?.message}`,
      '  malformed codes: 2',
      `    ${r.problems[1]?.message}`,
      '    … and 1 more',
      '  duplicate codes: 1',
      `    ${r.problems[3]?.message}`,
      '  codes of another district: 1',
      `    ${r.problems[4]?.message}`,
    ]);
  });

  it('takes --district over the most common prefix, and reads the code field whatever its case', () => {
    const r = importGrids(gridFeatures(set.grids.slice(0, 3), 'wgbm'), { ...base, district: '110108' });
    expect(r.codeField).toBe('wgbm');
    expect(r.district).toMatchObject({ code: '110108', inferred: false, count: 0 });
    expect(r.problems[0]?.message).toMatch(/is not in district 110108: fix its code, or give --district 110107 to import that district\./);
    expect(() => importGrids(gridFeatures(set.grids.slice(0, 3), 'BSM'), base)).toThrow('no feature has a field "WGBM" (its fields are BSM): give --code-field one of them.');
  });

  it('lists geometry problems naming the feature and its code', () => {
    const features = gridFeatures(set.grids.slice(0, 3));
    const [a, b] = set.grids[1]?.ring as Pair[];
    (features[1] as SourceFeature).geometry = { type: 'Polygon', coordinates: [[a, set.grids[1]?.ring[2], set.grids[1]?.ring[1], set.grids[1]?.ring[3], a]] };
    (features[2] as SourceFeature).geometry = { type: 'Polygon', coordinates: [[a, b, set.grids[1]?.ring[2]]] };
    const r = importGrids(features, base);
    expect(r.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(new RegExp(`^grids\\.shp: feature 1 \\(${set.grids[1]?.code}\\) crosses itself at \\(116\\.\\d{6}, 39\\.\\d{6}\\): redraw its boundary so no edges cross\\.$`)),
      `grids.shp: feature 2 (${set.grids[2]?.code}) has only 3 positions in its outer ring (a ring needs at least 4: three corners and the first again): fix or remove that ring.`,
    ]);
  });

  it('finds grids numbered for another community than the one they lie in, and names communities', () => {
    // Communities as the city's polygons: two blocks of 10 × 10 cells.
    const block = (c0: number, code: string, name: string): SourceFeature => {
      const ring = [set.ring(c0, 0)[0], set.ring(c0 + 9, 0)[1], set.ring(c0 + 9, 9)[2], set.ring(c0, 9)[3], set.ring(c0, 0)[0]];
      return { index: c0 / 10, properties: { SQDM: code, SQMC: name }, geometry: { type: 'Polygon', coordinates: [ring] } };
    };
    const communities = communitiesFrom([block(0, '110107001001', '鲁谷社区'), block(10, '110107001002', '重聚园社区')]);
    const features = gridFeatures(set.grids);
    const stray = set.grids.findIndex((g) => g.col === 12 && g.row === 4);
    (features[stray] as SourceFeature).properties.WGBM = '110107001001999';
    const r = importGrids(features, { ...base, communities: { file: 'communities.geojson', communities } });
    expect(r.problems.map((p) => p.message)).toEqual([
      `grids.shp: feature ${stray} (110107001001999) lies in community 110107001002 重聚园社区 of communities.geojson, but its code says 110107001001: renumber it or fix its boundary.`,
    ]);
    expect(r.collection.features[0]?.properties.communityName).toBe('鲁谷社区');

    // Community points only say which is nearest: a warning, never a problem.
    const points = communitiesFrom([
      { index: 0, properties: { code: '110107001001' }, geometry: { type: 'Point', coordinates: set.ring(5, 5)[0] } },
      { index: 1, properties: { code: '110107001002' }, geometry: { type: 'Point', coordinates: set.ring(15, 5)[0] } },
    ]);
    const w = importGrids(features, { ...base, communities: { file: 'centres.geojson', communities: points } });
    expect(w.problems).toEqual([]);
    expect(w.warnings.map((p) => p.codes)).toEqual([['110107001001999']]);
    expect(w.warnings[0]?.message).toMatch(/is nearest to community 110107001002 \(\d+ m away\) in centres\.geojson, not 110107001001: check its code \(community points give only an approximate check\)\./);
  });

  it('keeps street and community names from columns that say so', () => {
    const r = importGrids(gridFeatures(set.grids.slice(0, 2), 'WGBM', () => ({ JDMC: '鲁谷街道', SQMC: '鲁谷社区', NAME: '123' })), base);
    expect(r.collection.features[0]?.properties).toMatchObject({ streetName: '鲁谷街道', communityName: '鲁谷社区' });
  });

  it('refuses a boundary nowhere near the grids: a CRS is wrong', () => {
    const far = layGrids({ cols: 2, rows: 2, centre: [117.5, 39.9] });
    expect(() => importGrids(gridFeatures(set.grids), { ...base, boundary: { file: 'district.geojson', polygons: [[far.boundary]] } })).toThrow(/lies \d+\.\d km from district\.geojson, without touching it: one of the two is in another CRS/);
  });

  it('imports a Shijingshan-sized set (~8,500 grids) in seconds, finding every overlap and gap', () => {
    const big = layGrids({ cols: 92, rows: 92 });
    const at = (col: number, row: number) => big.grids.findIndex((g) => g.col === col && g.row === row);
    const features = gridFeatures(big.grids);
    // Far apart, so the two overlaps first meet in different merges of the union tree.
    (features[at(10, 10)] as SourceFeature).geometry = { type: 'Polygon', coordinates: [big.ring(10, 10, [3, 0, 0, 0])] };
    (features[at(80, 85)] as SourceFeature).geometry = { type: 'Polygon', coordinates: [big.ring(80, 85, [0, 2, 0, 0])] };
    const removed = at(40, 50);
    const t0 = performance.now();
    const r = importGrids(
      features.filter((_, i) => i !== removed),
      { ...base, boundary: { file: 'district.geojson', polygons: [[big.boundary]] } },
    );
    const ms = performance.now() - t0;
    expect(r.collection.features).toHaveLength(8463);
    const code = (col: number, row: number) => big.grids[at(col, row)]?.code;
    expect(r.problems.filter((p) => p.kind === 'overlap').map((p) => [p.codes, Math.round(Number(/by (\d+) m²/.exec(p.message)?.[1]))])).toEqual([
      [[code(80, 86), code(80, 85)], 200],
      [[code(10, 10), code(11, 10)], 300],
    ]);
    expect(r.problems.filter((p) => p.kind === 'gap').map((p) => /: (\d+) m²/.exec(p.message)?.[1])).toEqual(['10000', '300', '200']);
    expect(ms).toBeLessThan(15_000);
    console.log(`importGrids: ${r.collection.features.length} grids in ${Math.round(ms)} ms`);
  });
});

describe('union tree', () => {
  it('unions a set and rules out overlaps only where the merged areas prove there are none', () => {
    const set = layGrids({ cols: 12, rows: 12 });
    const proj = set.proj;
    const planar = set.grids.map((g, i) => {
      const polygons = toPlanar([[i === 30 ? set.ring(g.col, g.row, [5, 0, 0, 0]) : g.ring]], proj);
      return { polygons, box: boxOf(polygons) };
    });
    const tree = buildUnionTree(planar);
    // The moved grid leaves 500 m² uncovered behind it.
    expect(areaOf(tree.union)).toBeCloseTo(144 * 10_000 - 500, 0);
    expect(tree.mayOverlap(30, 31, 1)).toBe(true);
    const ruledOut = planar.flatMap((_, a) => planar.map((__, b) => (a < b && !tree.mayOverlap(a, b, 1) ? 1 : 0))).reduce((x: number, y) => x + y, 0);
    expect(ruledOut).toBeGreaterThan((144 * 143) / 2 / 2);
  });
});
