import { describe, expect, it } from 'vitest';
import Value from 'typebox/value';
import { PlaceAreas } from '../../app/grid/grid-channels';
import { UnitGridCollection } from '../../app/grid/unit-grid';
import { fixtureAreas, fixtureGrids } from './grid-fixtures';
import { indexGrids, labelPoint } from './grid-index';

describe('the grid index', () => {
  const fc = fixtureGrids(10, 8);

  it('builds from what the hall serves (fixtures pass the wire schemas)', () => {
    expect(Value.Check(UnitGridCollection, fc)).toBe(true);
    expect(Value.Check(PlaceAreas, fixtureAreas())).toBe(true);
  });

  it('knows every grid’s box and a label point inside it', () => {
    const idx = indexGrids(fc);
    expect(idx.byCode.size).toBe(80);
    for (const g of idx.byCode.values()) {
      expect(g.label[0]).toBeGreaterThan(g.bbox[0]);
      expect(g.label[0]).toBeLessThan(g.bbox[2]);
      expect(g.label[1]).toBeGreaterThan(g.bbox[1]);
      expect(g.label[1]).toBeLessThan(g.bbox[3]);
    }
    expect(idx.meanAreaM2).toBeCloseTo(62_500, 0);
    expect(idx.approximate).toBe(true);
    expect(idx.byResponsibility.get('beat-1')).toHaveLength(16);
  });

  it('puts a label inside an L-shaped area, where a centroid would miss', () => {
    const l = [[[0, 0], [10, 0], [10, 1], [1, 1], [1, 10], [0, 10], [0, 0]]];
    const [x, y] = labelPoint([l]) ?? [NaN, NaN];
    expect(x < 1 || y < 1).toBe(true);
    // The largest part of a multipolygon gets the label.
    const small = [[[20, 20], [21, 20], [21, 21], [20, 21], [20, 20]]];
    const big = [[[0, 0], [5, 0], [5, 5], [0, 5], [0, 0]]];
    expect(labelPoint([small, big])?.[0]).toBeLessThan(5);
  });
});
