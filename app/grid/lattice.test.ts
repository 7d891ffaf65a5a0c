import { describe, expect, it } from 'vitest';
import { localTransverseMercator } from '../geo/local-projection';
import { distanceMeters } from '../geo/lnglat';
import { cellBox, cellOf, latticeOver } from './lattice';

describe('lattice', () => {
  const proj = localTransverseMercator([116.2169, 39.9054]);
  const l = latticeOver(proj.def, [-7130, -5460, 8950, 9870], 100);

  it('is anchored on multiples of the cell size, the same for the same input', () => {
    expect(l).toMatchObject({ x0: -7200, y0: -5500, cellSize: 100, cols: 162, rows: 154 });
    expect(latticeOver(proj.def, [-7130, -5460, 8950, 9870], 100)).toEqual(l);
  });

  it('puts a point on a shared edge in exactly one cell, the one to its north-east', () => {
    expect(cellOf(l, -7100, -5400)).toEqual({ col: 1, row: 1 });
    expect(cellOf(l, -7100.0001, -5400.0001)).toEqual({ col: 0, row: 0 });
    expect(cellOf(l, -7300, 0)).toBeUndefined();
    expect(cellBox(l, 1, 1)).toEqual([-7100, -5400, -7000, -5300]);
  });

  it('lays cells that are 100 m on the ground', () => {
    const [w, s, e] = cellBox(l, 80, 70);
    const sw = proj.inverse(w, s);
    const se = proj.inverse(e, s);
    // The haversine measure is on a sphere, ~0.25 % short east–west at this latitude; the lattice is on the ellipsoid.
    expect(Math.abs(distanceMeters(sw, se) - 100)).toBeLessThan(0.3);
  });
});
