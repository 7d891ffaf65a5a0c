import Value from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { fromDef } from '../../geo/local-projection';
import { polygonsOf } from '../../geo/geojson';
import { UnitGridCollection, type UnitGridFeature } from '../unit-grid';
import { auditGrids } from './audit';
import { buildGrids, type BuildInput } from './build-grids';
import { multiPolygonArea, type Pair } from './planar';
import { areaPlace, lonLatBox, pointPlace } from './test-districts';

function build(input: Omit<BuildInput, 'adcode'>) {
  const built = buildGrids({ adcode: '110107', ...input });
  const features = [...built.features()];
  const collection = { type: 'FeatureCollection' as const, adcode: built.adcode, lattice: built.lattice, features };
  return { built, features, collection, byCode: new Map(features.map((f) => [f.properties.code, f])) };
}

/** Checks what every build must hold: schema, unique codes, areas add up, no overlaps. */
function expectSound(r: ReturnType<typeof build>) {
  expect(Value.Check(UnitGridCollection, r.collection)).toBe(true);
  expect(r.byCode.size).toBe(r.features.length);
  for (const f of r.features) {
    expect(f.properties.community).toBe(f.properties.code.slice(0, 12));
    expect(f.properties.street).toBe(`${f.properties.code.slice(0, 9)}000`);
  }
  const audit = auditGrids(r.collection);
  expect(Math.abs(audit.areaM2 / r.built.summary.districtM2 - 1)).toBeLessThan(1e-6);
  expect(audit.overlapM2).toBeLessThan(1e-3);
  const sum = r.features.reduce((s, f) => s + f.properties.areaM2, 0);
  expect(Math.abs(sum / r.built.summary.districtM2 - 1)).toBeLessThan(1e-6);
}

/** A grid's area back in the lattice's projection. */
function planarArea(r: ReturnType<typeof build>, f: UnitGridFeature): number {
  const p = fromDef(r.built.lattice.proj);
  return multiPolygonArea(polygonsOf(f.geometry).map((poly) => poly.map((ring) => ring.map(([lon, lat]) => p.forward(lon as number, lat as number) as Pair))));
}

// A 2.9 km square: a 30 × 30 lattice from −1500 m, the outer ring of cells cut to 50 m.
const SQUARE = lonLatBox([-1450, -1450, 1450, 1450]);
// Two communities meeting at x = 50 m, the middle of column 15.
const WEST = areaPlace('110107001001', [-1600, -1600, 50, 1600], '西社区');
const EAST = areaPlace('110107001002', [50, -1600, 1600, 1600], '东社区');

describe('grid build: two communities given as areas', () => {
  const r = build({ cellSize: 100, boundary: SQUARE, places: [EAST, WEST] });

  it('lays the lattice on the district and numbers each community north→south, west→east', () => {
    expect(r.built.lattice).toMatchObject({ x0: -1500, y0: -1500, cellSize: 100, cols: 30, rows: 30 });
    expect(r.features).toHaveLength(30 * 16 + 30 * 15);
    const expected: Array<[string, [number, number], number]> = [
      ['110107001001001', [0, 29], 2500], // north-west corner: 50 × 50 m
      ['110107001001016', [15, 29], 2500], // column 15, west of the community line
      ['110107001001017', [0, 28], 5000], // next row, west edge: 50 × 100 m
      ['110107001001036', [3, 27], 10000], // a whole cell: row 27 is the third from the north
      ['110107001001480', [15, 0], 2500],
      ['110107001002001', [15, 29], 2500], // the east community starts in the same cell
      ['110107001002015', [29, 29], 2500],
      ['110107001002450', [29, 0], 2500],
    ];
    for (const [code, cell, area] of expected) {
      const f = r.byCode.get(code)!;
      expect(f, code).toBeDefined();
      expect(f.properties.cell, code).toEqual(cell);
      expect(f.properties.areaM2, code).toBeCloseTo(area, 1);
      expect(planarArea(r, f), code).toBeCloseTo(area, 1);
    }
    expect(r.byCode.get('110107001001001')!.properties).toMatchObject({ street: '110107001000', community: '110107001001', communityName: '西社区', approximate: false });
    expect(r.built.summary).toMatchObject({ grids: 930, communities: 2, streets: 1, partition: 'polygons', coarsened: [], gapM2: 0 });
  });

  it('is sound: schema, unique codes, area conserved, no overlaps', () => expectSound(r));

  it('gives the same codes and geometry for the same input, whatever the order of places', () => {
    const again = build({ cellSize: 100, boundary: SQUARE, places: [WEST, EAST] });
    expect(JSON.stringify(again.features)).toBe(JSON.stringify(r.features));
  });

  it('fills a gap between communities from the nearest and marks it approximate', () => {
    const gappy = build({ cellSize: 100, boundary: SQUARE, places: [areaPlace('110107001001', [-1600, -1600, -200, 1600]), EAST] });
    expectSound(gappy);
    expect(gappy.built.summary.gapM2).toBeCloseTo(250 * 2900, -1);
    const filled = gappy.features.filter((f) => f.properties.approximate);
    expect(filled.length).toBeGreaterThan(0);
    expect(gappy.features.some((f) => !f.properties.approximate)).toBe(true);
  });
});

describe('grid build: overlapping community areas', () => {
  it('gives the overlap to the lower code, once, and says how much', () => {
    const r = build({ cellSize: 100, boundary: SQUARE, places: [areaPlace('110107001001', [-1600, -1600, 250, 1600]), EAST] });
    expectSound(r);
    expect(r.built.summary.overlapM2).toBeCloseTo(200 * 2900, -1);
    const count = (community: string) => r.features.filter((f) => f.properties.community === community).length;
    expect([count('110107001001'), count('110107001002')]).toEqual([30 * 18, 30 * 13]);
  });
});

describe('grid build: more than 999 grids in one community', () => {
  // 4 km square at 100 m: 1,600 whole cells (lattice from −2000 m, exactly on the district).
  const big = lonLatBox([-1990, -1990, 1990, 1990]);
  const r = build({ cellSize: 100, boundary: big, places: [areaPlace('110107002001', [-3000, -3000, 3000, 3000], '大社区')] });

  it('coarsens that community into 2 × 2 blocks so every code is right, and says so', () => {
    expect(r.built.summary.coarsened).toEqual([{ community: '110107002001', name: '大社区', factor: 2, grids: 400 }]);
    expect(r.features).toHaveLength(400);
    expect(r.features.at(-1)!.properties.code).toBe('110107002001400');
    const first = r.byCode.get('110107002001001')!;
    expect(first.properties.cell).toEqual([0, 38]);
    expect(first.properties.areaM2).toBeCloseTo(190 * 190, 0); // the north-west block, cut 10 m on two sides
    const whole = r.byCode.get('110107002001022')!; // second block row, second block
    expect(whole.properties.cell).toEqual([2, 36]);
    expect(whole.properties.areaM2).toBeCloseTo(40000, 3);
    expectSound(r);
  });
});

describe('grid build: communities and streets from centre points', () => {
  const seeds: Array<[string, number, number]> = [
    ['110107003001', -600, -500],
    ['110107003002', 800, -700],
    ['110107003003', -300, 900],
    ['110107004000', 500, 600], // a street none of whose communities is given: one area, its own
  ];
  const places = [...seeds.map(([code, x, y]) => pointPlace(code, x, y)), pointPlace('110107003000', 0, 0, '某街道')];
  const r = build({ cellSize: 100, boundary: SQUARE, places });

  it('gives each grid to the nearest centre (Voronoi), clipping only cells the cell lines cross', () => {
    expectSound(r);
    expect(r.built.summary).toMatchObject({ partition: 'voronoi', communities: 4, streets: 2 });
    const p = fromDef(r.built.lattice.proj);
    for (const f of r.features) {
      expect(f.properties.approximate).toBe(true);
      const ring = polygonsOf(f.geometry)[0]![0]!.map(([lon, lat]) => p.forward(lon as number, lat as number));
      const cx = ring.slice(1).reduce((s, q) => s + q[0], 0) / (ring.length - 1);
      const cy = ring.slice(1).reduce((s, q) => s + q[1], 0) / (ring.length - 1);
      const nearest = seeds.reduce((a, b) => (Math.hypot(b[1] - cx, b[2] - cy) < Math.hypot(a[1] - cx, a[2] - cy) ? b : a));
      expect(f.properties.community, f.properties.code).toBe(nearest[0]);
    }
    const street = r.features.filter((f) => f.properties.street === '110107003000');
    expect(street.every((f) => f.properties.streetName === '某街道')).toBe(true);
    expect(r.features.some((f) => f.properties.community === '110107004000')).toBe(true);
  });
});

describe('grid build: community points within street areas', () => {
  const places = [
    areaPlace('110107005000', [-1600, -1600, 50, 1600], '西街道'),
    areaPlace('110107006000', [50, -1600, 1600, 1600], '东街道'),
    pointPlace('110107005001', -800, 500), // these two split their street at y = −100
    pointPlace('110107005002', -800, -700),
    pointPlace('110107007001', 900, 900), // its street has no area
  ];
  const r = build({ cellSize: 100, boundary: SQUARE, places });

  it('cuts each street among its own communities; a street without any is one area of its own', () => {
    expectSound(r);
    const count = (community: string) => r.features.filter((f) => f.properties.community === community).length;
    expect([count('110107005001'), count('110107005002'), count('110107006000')]).toEqual([16 * 16, 14 * 16, 30 * 15]);
    expect(r.byCode.get('110107005001001')!.properties).toMatchObject({ cell: [0, 29], streetName: '西街道', approximate: true });
    expect(r.byCode.get('110107005002001')!.properties.cell).toEqual([0, 13]);
    expect(r.byCode.get('110107006000001')!.properties).toMatchObject({ cell: [15, 29], street: '110107006000', streetName: '东街道', approximate: false });
    expect(r.built.summary.notes).toEqual(['test.geojson feature 0 (110107007001): its street 110107007000 has no area among the streets given: ignored.']);
    expect(r.built.summary).toMatchObject({ communities: 3, streetAreas: 1, streets: 2 });
  });
});

describe('grid build: nothing but the boundary', () => {
  // 5.9 km square: a 60 × 60 lattice, four blocks of 30 × 30 cells.
  const r = build({ cellSize: 100, boundary: lonLatBox([-2950, -2950, 2950, 2950]), places: [] });

  it('cuts synthetic blocks under street 000, numbered north→south then west→east', () => {
    expect(r.built.summary).toMatchObject({ partition: 'blocks', communities: 4, streets: 1 });
    expect(r.byCode.get('110107000001001')!.properties.cell).toEqual([0, 59]);
    expect(r.byCode.get('110107000002001')!.properties.cell).toEqual([30, 59]);
    expect(r.byCode.get('110107000004900')!.properties.cell).toEqual([59, 0]);
    expect(r.features.every((f) => f.properties.approximate && f.properties.street === '110107000000')).toBe(true);
    expectSound(r);
  });
});
