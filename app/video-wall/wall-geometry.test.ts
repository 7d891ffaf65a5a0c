import { describe, expect, it } from 'vitest';
import { SPLITS } from './video-wall';
import { cellCount, customProblems, isLargeCell, splitAspect, splitGeometry } from './wall-geometry';

/** Every grid unit covered at most once, and every cell inside the grid. */
function covers(g: ReturnType<typeof splitGeometry>): number {
  const seen = new Set<string>();
  for (const c of g.cells) {
    expect(c.x + c.w).toBeLessThanOrEqual(g.columns);
    expect(c.y + c.h).toBeLessThanOrEqual(g.rows);
    for (let x = c.x; x < c.x + c.w; x++) {
      for (let y = c.y; y < c.y + c.h; y++) {
        expect(seen.has(`${x},${y}`)).toBe(false);
        seen.add(`${x},${y}`);
      }
    }
  }
  return seen.size;
}

describe('split geometry', () => {
  it('has as many cells as its name, filling its grid with no overlap', () => {
    for (const n of SPLITS) {
      const g = splitGeometry(n);
      expect(g.cells).toHaveLength(n);
      expect(covers(g)).toBe(g.columns * g.rows);
      expect(cellCount(n)).toBe(n);
    }
  });

  it('6 is one big cell and five small ones round it', () => {
    const g = splitGeometry(6);
    expect(g.cells[0]).toEqual({ x: 0, y: 0, w: 2, h: 2 });
    expect(g.cells.slice(1).every((c) => c.w === 1 && c.h === 1)).toBe(true);
    expect(isLargeCell(g, g.cells[0]!)).toBe(true);
    expect(isLargeCell(g, g.cells[1]!)).toBe(false);
    expect(splitAspect(g)).toBeCloseTo(16 / 9);
  });

  it('takes a custom split as given, and falls back to 9 when it is broken', () => {
    const custom = { columns: 4, rows: 2, cells: [{ x: 0, y: 0, w: 2, h: 2 }, { x: 2, y: 0, w: 2, h: 1 }, { x: 2, y: 1, w: 1, h: 1 }] };
    expect(customProblems(custom)).toEqual([]);
    expect(splitGeometry('custom', custom).cells).toHaveLength(3);
    expect(splitAspect(splitGeometry('custom', custom))).toBeCloseTo(32 / 9);
    const broken = { columns: 2, rows: 2, cells: [{ x: 0, y: 0, w: 2, h: 1 }, { x: 1, y: 0, w: 1, h: 2 }, { x: 1, y: 1, w: 2, h: 1 }] };
    const problems = customProblems(broken);
    expect(problems[0]).toContain('cell 2 overlaps cell 1');
    expect(problems[1]).toContain('cell 3 reaches beyond the 2×2 grid');
    expect(splitGeometry('custom', broken).cells).toHaveLength(9);
    expect(splitGeometry('custom').cells).toHaveLength(9);
  });
});
