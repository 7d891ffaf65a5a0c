import { describe, expect, it } from 'vitest';
import { checkPolygon, signedArea, type Pair } from './polygon-check';

const square: Pair[] = [[116.2, 39.9], [116.201, 39.9], [116.201, 39.901], [116.2, 39.901], [116.2, 39.9]];
const poly = (...rings: unknown[]) => ({ type: 'Polygon', coordinates: rings });

describe('checkPolygon', () => {
  it('accepts a square and winds it as RFC 7946 asks, whichever way it came', () => {
    for (const ring of [square, [...square].reverse()]) {
      const r = checkPolygon(poly(ring));
      expect(r.ok).toBe(true);
      if (r.ok) expect(signedArea(r.polygons[0]?.[0] as Pair[])).toBeGreaterThan(0);
    }
    const hole: Pair[] = [[116.2004, 39.9004], [116.2006, 39.9004], [116.2006, 39.9006], [116.2004, 39.9006], [116.2004, 39.9004]];
    const r = checkPolygon({ type: 'MultiPolygon', coordinates: [[square, hole]] });
    expect(r.ok && signedArea(r.polygons[0]?.[1] as Pair[]) < 0).toBe(true);
  });

  it('drops repeated vertices instead of calling them crossings', () => {
    const r = checkPolygon(poly([square[0], square[1], square[1], square[2], square[3], square[0]]));
    expect(r.ok && r.polygons[0]?.[0]).toHaveLength(5);
  });

  it('names each problem', () => {
    const cases: Array<[unknown, string, RegExp]> = [
      [null, 'empty-geometry', /has no geometry/],
      [poly(), 'empty-geometry', /empty geometry/],
      [{ type: 'MultiPolygon', coordinates: [[]] }, 'empty-geometry', /empty polygon/],
      [{ type: 'Point', coordinates: [116.2, 39.9] }, 'not-polygon', /is a Point, not a polygon/],
      [poly(square.slice(0, 4)), 'unclosed-ring', /does not close its outer ring/],
      [poly([square[0], square[1], square[0]]), 'short-ring', /has only 3 positions in its outer ring/],
      [poly([square[0], square[1], [116.202, 39.9], square[0]]), 'short-ring', /has no area in its outer ring/],
      [poly([[116.2, 39.9], [116.201, 39.901], [116.201, 39.9], [116.2, 39.901], [116.2, 39.9]]), 'self-intersection', /crosses itself at \(116\.200500, 39\.900500\)/],
    ];
    for (const [g, kind, detail] of cases) {
      const r = checkPolygon(g as { type: string; coordinates: unknown } | null);
      expect(r.ok, JSON.stringify(g)).toBe(false);
      if (!r.ok) {
        expect(r.kind, JSON.stringify(g)).toBe(kind);
        expect(r.detail).toMatch(detail);
      }
    }
  });

  it('finds a crossing in a large ring through its segment index, and none in a clean one', () => {
    const circle: Pair[] = [];
    for (let i = 0; i < 400; i++) circle.push([116.2 + 0.01 * Math.cos((i / 400) * 2 * Math.PI), 39.9 + 0.01 * Math.sin((i / 400) * 2 * Math.PI)]);
    expect(checkPolygon(poly([...circle, circle[0]])).ok).toBe(true);
    // Swap two vertices far apart: the ring now crosses itself.
    const bent = [...circle];
    [bent[10], bent[200]] = [bent[200] as Pair, bent[10] as Pair];
    const r = checkPolygon(poly([...bent, bent[0]]));
    expect(r.ok ? 'ok' : r.kind).toBe('self-intersection');
  });
});
