import { describe, expect, it } from 'vitest';
import { localTransverseMercator } from '../geo/local-projection';
import { formatGridCode } from './grid-code';
import { BruteForceGridLocator, IndexedGridLocator, LatticeGridLocator } from './grid-locator';
import { cellBox, latticeOver } from './lattice';
import type { UnitGridFeature } from './unit-grid';

// A 4 × 3 lattice of 100 m cells near Shijingshan; the east half of row 1 is split into two pieces.
const proj = localTransverseMercator([116.2, 39.9]);
const lattice = latticeOver(proj.def, [0, 0, 400, 300], 100);
const ring = (pts: Array<[number, number]>) => [...pts, pts[0] as [number, number]].map(([x, y]) => proj.inverse(x, y));

function grids(): UnitGridFeature[] {
  const out: UnitGridFeature[] = [];
  let seq = 1;
  const add = (pts: Array<[number, number]>, cell: [number, number]) =>
    out.push({
      type: 'Feature',
      properties: { code: formatGridCode({ county: '110107', street: '011', community: '002', seq: seq++ }), street: '110107011000', community: '110107011002', areaM2: 1e4, approximate: false, cell },
      geometry: { type: 'Polygon', coordinates: [ring(pts)] },
    });
  for (let row = 2; row >= 0; row--) {
    for (let col = 0; col < 4; col++) {
      const [w, s, e, n] = cellBox(lattice, col, row);
      if (row === 1 && col === 3) {
        add([[w, s], [e, s], [w, n]], [col, row]); // split along the diagonal
        add([[e, s], [e, n], [w, n]], [col, row]);
      } else add([[w, s], [e, s], [e, n], [w, n]], [col, row]);
    }
  }
  return out;
}

describe('locating a point in its unit grid', () => {
  const g = grids();
  const lat = new LatticeGridLocator(lattice, g);
  const idx = new IndexedGridLocator(g);
  const brute = new BruteForceGridLocator(g);
  const at = (x: number, y: number) => proj.inverse(x, y);

  it('finds the grid of a point, the same way with every method', () => {
    for (let i = 0; i < 2000; i++) {
      const [lon, lat_] = at(Math.random() * 420 - 10, Math.random() * 320 - 10);
      const want = brute.locate(lon, lat_);
      expect(lat.locate(lon, lat_)).toEqual(want);
      expect(idx.locate(lon, lat_)).toEqual(want);
    }
  });

  it('puts a point on a shared edge in exactly one grid, the eastern or northern one', () => {
    // Exactly on the stored straight edge (in lon/lat, where GeoJSON edges are straight).
    const mid = (a: number[], b: number[]): [number, number] => [((a[0] as number) + (b[0] as number)) / 2, ((a[1] as number) + (b[1] as number)) / 2];
    const nw = g[0]?.geometry.coordinates[0] as number[][]; // seq 1: cell (0, 2), corners SW, SE, NE, NW
    const onVertical = mid(nw[1] as number[], nw[2] as number[]); // its east edge, shared with seq 2
    const onHorizontal = mid(nw[0] as number[], nw[1] as number[]); // its south edge, shared with seq 5 (row 1)
    // Projected edges are not quite axis-parallel in lon/lat: the owner is whichever side the arithmetic says,
    // but always exactly one grid, and the same one for every method working in lon/lat.
    for (const [p, pair] of [
      [onVertical, ['110107011002001', '110107011002002']],
      [onHorizontal, ['110107011002001', '110107011002005']],
    ] as const) {
      expect(pair).toContain(brute.locate(...p).grid);
      expect(idx.locate(...p)).toEqual(brute.locate(...p));
      const owners = g.filter((f) => new BruteForceGridLocator([f]).locate(...p).grid !== undefined);
      expect(owners).toHaveLength(1);
    }
    // The lattice works in projected metres: on an edge it may fall either side by a rounding, never in neither.
    expect(['110107011002001', '110107011002002']).toContain(lat.locate(...onVertical).grid);
    expect(['110107011002001', '110107011002005']).toContain(lat.locate(...onHorizontal).grid);
  });

  it('tells the two pieces of a split cell apart', () => {
    expect(lat.locate(...at(310, 110)).grid).toBe('110107011002008'); // south-west piece
    expect(lat.locate(...at(390, 190)).grid).toBe('110107011002009'); // north-east piece
  });

  it('finds nothing outside every grid', () => {
    expect(lat.locate(...at(-50, 50))).toEqual({});
    expect(idx.locate(...at(500, 50))).toEqual({});
  });
});
