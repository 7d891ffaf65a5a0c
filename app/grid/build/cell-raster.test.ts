import polygonClipping from 'polygon-clipping';
import { describe, expect, it } from 'vitest';
import { latticeOver } from '../lattice';
import { classifyCells, EDGE, IN, OUT, wholeLattice, windowOver } from './cell-raster';
import { clipToCells } from './clip-cells';
import { LineVertices } from './line-vertices';
import { blockBox, boxOf, multiPolygonArea, rectPolygon, ringsOf, type MultiPolygon, type Pair } from './planar';

/** A 9-pointed star (2.2 km across) with a square hole, and an island: outer rings, a hole, two parts. */
function star(): MultiPolygon {
  const outer: Pair[] = [];
  for (let k = 0; k <= 18; k++) {
    const a = (k % 18) * (Math.PI / 9);
    const r = k % 2 === 0 ? 1100 : 420;
    outer.push([r * Math.cos(a) + 3.7, r * Math.sin(a) - 1.3]);
  }
  const hole: Pair[] = [
    [-150, -150],
    [-150, 150],
    [150, 150],
    [150, -150],
    [-150, -150],
  ];
  const island: Pair[] = [
    [1300, 1300],
    [1555, 1300],
    [1555, 1444],
    [1300, 1300],
  ];
  return [[outer, hole], [island]];
}

describe('classifying and clipping cells', () => {
  const polygon = star();
  const l = latticeOver('test', boxOf(ringsOf(polygon)), 100);
  const w = wholeLattice(l);
  const state = classifyCells(l, w, [...ringsOf(polygon)]);

  it('calls a cell inside or outside only when it wholly is, and EDGE every cell the boundary cuts', () => {
    const counts = [0, 0, 0];
    for (let row = 0; row < l.rows; row++) {
      for (let col = 0; col < l.cols; col++) {
        const s = state[row * l.cols + col]!;
        counts[s]!++;
        const a = multiPolygonArea(polygonClipping.intersection(polygon, rectPolygon(blockBox(l, col, row, col + 1, row + 1))));
        if (s === IN) expect(a, `${col},${row}`).toBeCloseTo(10000, 6);
        if (s === OUT) expect(a, `${col},${row}`).toBeCloseTo(0, 6);
        if (a > 1e-6 && a < 10000 - 1e-6) expect(s, `${col},${row}`).toBe(EDGE);
      }
    }
    expect(counts[IN]).toBeGreaterThan(50);
    expect(counts[EDGE]).toBeGreaterThan(100);
  });

  it('clips the boundary cells into pieces that, with the inside cells, make up the polygon', () => {
    let area = 0;
    for (const s of state) if (s === IN) area += 10000;
    const lines = new LineVertices(l);
    clipToCells(l, w, state, polygon, (col, row, piece) => {
      expect(state[row * l.cols + col]).toBe(EDGE);
      area += multiPolygonArea(piece);
      lines.add(piece);
    });
    expect(area / multiPolygonArea(polygon)).toBeCloseTo(1, 9);
  });

  it('classifies a window of the lattice the same as the whole', () => {
    const sub = windowOver(l, [-500, -300, 700, 800]);
    const part = classifyCells(l, sub, [...ringsOf(polygon)]);
    for (let r = 0; r < sub.rows; r++) {
      for (let c = 0; c < sub.cols; c++) expect(part[r * sub.cols + c]).toBe(state[(sub.row0 + r) * l.cols + sub.col0 + c]);
    }
  });
});

describe('shared vertices on cell sides', () => {
  it('puts a neighbour’s vertex on a cell side, and lattice corners on a block side, into the edge', () => {
    const l = latticeOver('test', [0, 0, 400, 400], 100);
    const lines = new LineVertices(l);
    lines.add([[[[100, 0], [130, 0], [100, 40], [100, 0]]]]); // a piece with vertices on line x = 100 and y = 0
    lines.finish();
    const square: Pair[] = [[0, 0], [100, 0], [100, 100], [0, 100], [0, 0]];
    expect(lines.densify(square)).toEqual([[0, 0], [100, 0], [100, 40], [100, 100], [0, 100], [0, 0]]);
    const block: Pair[] = [[200, 0], [200, 300], [0, 300], [0, 0], [200, 0]];
    expect(lines.densify(block)).toEqual([[200, 0], [200, 100], [200, 200], [200, 300], [100, 300], [0, 300], [0, 200], [0, 100], [0, 0], [100, 0], [130, 0], [200, 0]]);
  });
});
