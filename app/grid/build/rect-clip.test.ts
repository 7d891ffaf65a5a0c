import polygonClipping from 'polygon-clipping';
import { describe, expect, it } from 'vitest';
import { multiPolygonArea, rectPolygon, type Box, type MultiPolygon, type Pair } from './planar';
import { clipToBox } from './rect-clip';

const BOX: Box = [0, 0, 100, 100];
const exact = (mp: MultiPolygon, b: Box) => multiPolygonArea(polygonClipping.intersection(mp, rectPolygon(b)));
const closed = (pts: Pair[]): Pair[] => [...pts, pts[0]!];

describe('clipping to a box, the fast way', () => {
  it('cuts a polygon that stays in one piece exactly, even one leaving the box twice by one side', () => {
    const arch = closed([[20, -50], [40, -50], [40, 60], [60, 60], [60, -50], [80, -50], [80, 80], [20, 80]]); // ∩, legs out of the bottom
    const r = clipToBox([[arch]], BOX)!;
    expect(r).toHaveLength(1);
    expect(multiPolygonArea(r)).toBeCloseTo(exact([[arch]], BOX), 9);
    const around = closed([[-10, -10], [110, -10], [110, 110], [-10, 110]]);
    expect(multiPolygonArea(clipToBox([[around]], BOX)!)).toBeCloseTo(10000, 9);
    expect(clipToBox([[closed([[200, 200], [300, 200], [300, 300]])]], BOX)).toEqual([]);
  });

  it('leaves to polygon-clipping what would come out in parts or with a hole across the side', () => {
    const c = closed([[20, 20], [150, 20], [150, 40], [40, 40], [40, 60], [150, 60], [150, 80], [20, 80]]); // ⊏: its two arms cross x 60…100 apart
    const u = closed([[-50, 20], [50, 20], [50, 80], [-50, 80], [-50, 60], [30, 60], [30, 40], [-50, 40]]); // ⊐ whose back is inside: one piece
    expect(clipToBox([[c]], [60, 0, 100, 100])).toBeUndefined(); // two parts: a bridge along x = 60 would join them
    expect(multiPolygonArea(clipToBox([[u]], BOX)!)).toBeCloseTo(exact([[u]], BOX), 9);
    const outer = closed([[-10, -10], [110, -10], [110, 110], [-10, 110]]);
    expect(clipToBox([[outer, closed([[90, 40], [90, 60], [120, 60], [120, 40]])]], BOX)).toBeUndefined();
    expect(multiPolygonArea(clipToBox([[outer, closed([[40, 40], [40, 60], [60, 60], [60, 40]])]], BOX)!)).toBeCloseTo(10000 - 400, 9);
    expect(multiPolygonArea(clipToBox([[outer, closed([[140, 40], [140, 60], [160, 60], [160, 40]])]], BOX)!)).toBeCloseTo(10000, 9);
  });

  it('agrees with polygon-clipping whenever it answers (stars against many boxes)', () => {
    let answered = 0;
    for (let k = 0; k < 40; k++) {
      const star: Pair[] = [];
      const n = 5 + (k % 7);
      for (let i = 0; i < 2 * n; i++) {
        const a = (i * Math.PI) / n + k * 0.1;
        const r = i % 2 === 0 ? 90 + k : 25 + (k % 5) * 7;
        star.push([50 + r * Math.cos(a), 50 + r * Math.sin(a)]);
      }
      const mp: MultiPolygon = [[closed(star)]];
      for (let j = 0; j < 25; j++) {
        const x = -60 + ((j * 37 + k * 11) % 150);
        const y = -60 + ((j * 53 + k * 7) % 150);
        const b: Box = [x, y, x + 10 + (j % 5) * 17, y + 10 + (k % 4) * 21];
        const r = clipToBox(mp, b);
        if (r === undefined) continue;
        answered++;
        expect(multiPolygonArea(r)).toBeCloseTo(exact(mp, b), 6);
      }
    }
    expect(answered).toBeGreaterThan(500);
  });
});
