import { describe, expect, it } from 'vitest';
import { MOTION_LIMITS, MotionBook } from './motion';

const A = [116.2, 39.9] as const;
const B = [116.201, 39.9] as const; // ~85 m east

describe('patrols gliding between fixes', () => {
  it('glides from the previous fix to the new one over the fix interval, then rests', () => {
    const m = new MotionBook(0);
    m.observe('u', A[0], A[1], 1000, 10_000);
    expect(m.moving(10_000)).toBe(false);
    m.observe('u', B[0], B[1], 3000, 11_000); // fixes 2 s apart
    expect(m.positionAt('u', 11_000)).toEqual([...A]);
    const mid = m.positionAt('u', 12_000);
    expect(mid?.[0]).toBeCloseTo((A[0] + B[0]) / 2, 9);
    expect(m.moving(12_000)).toBe(true);
    expect(m.positionAt('u', 13_000)).toEqual([...B]);
    expect(m.moving(13_000)).toBe(false);
  });

  it('ignores repeated and late states, and a patrol standing still', () => {
    const m = new MotionBook(0);
    m.observe('u', A[0], A[1], 1000, 0);
    m.observe('u', B[0], B[1], 500, 100);
    m.observe('u', A[0], A[1], 2000, 1000);
    expect(m.moving(1000)).toBe(false);
    expect(m.points).toBe(1);
  });

  it('jumps (and breaks the trail) across a long silence or a far fix', () => {
    const m = new MotionBook(0);
    m.observe('u', A[0], A[1], 0, 0);
    m.observe('u', B[0], B[1], 60_000, 60_000);
    expect(m.positionAt('u', 60_000)).toEqual([...B]);
    m.observe('u', 116.3, 39.9, 61_000, 61_000); // ~8.5 km in a second
    expect(m.positionAt('u', 61_000)).toEqual([116.3, 39.9]);
    expect(m.trails()).toEqual([]);
  });

  it('catches up instead of falling behind when fixes come faster than their stamps say', () => {
    const m = new MotionBook(0);
    m.observe('u', A[0], A[1], 0, 0);
    for (let i = 1; i <= 20; i++) m.observe('u', A[0] + i * 1e-5, A[1], i * 1000, i * 500);
    // Twenty fixes a second apart, arriving every half second: never more than one glide behind.
    expect(m.moving(10_000 + 1001)).toBe(false);
  });

  it('keeps trails of the last minutes, split at breaks, bounded per patrol and in all', () => {
    const limits = { ...MOTION_LIMITS, maxPointsPerPatrol: 10, maxPointsTotal: 25, trailMs: 60_000 };
    const m = new MotionBook(0, limits);
    for (const u of ['a', 'b', 'c']) for (let i = 0; i < 30; i++) m.observe(u, A[0] + i * 1e-5, A[1], i * 1000, i * 1000);
    expect(m.points).toBeLessThanOrEqual(25);
    const trails = m.trails();
    expect(trails).toHaveLength(3);
    for (const t of trails) {
      expect(t.path.length).toBeLessThanOrEqual(10);
      expect(t.times).toEqual([...t.times].sort((x, y) => x - y));
    }
    m.prune(200_000);
    expect(m.hasTrails(200_000)).toBe(false);
    expect(m.points).toBe(3); // each keeps where it is
    m.keepOnly(new Set(['a']));
    expect(m.points).toBe(1);
    expect(m.positionAt('b', 0)).toBeUndefined();
  });
});
