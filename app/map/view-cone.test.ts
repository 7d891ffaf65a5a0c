import { describe, expect, it } from 'vitest';
import { distanceMeters } from '../geo/lnglat';
import { viewCone } from './view-cone';

const at = [116.2, 39.9] as const;

describe('a camera’s view cone', () => {
  it('is a closed sector from the camera, facing its heading', () => {
    const ring = viewCone(at, 90, 60, 150);
    expect(ring[0]).toEqual(at);
    expect(ring.at(-1)).toEqual(at);
    const arc = ring.slice(1, -1);
    for (const p of arc) expect(distanceMeters(at, p)).toBeCloseTo(150, 0);
    // Facing east: every arc point lies east of the camera, the middle one due east.
    for (const p of arc) expect(p[0]).toBeGreaterThan(at[0]);
    const mid = arc[Math.floor(arc.length / 2)];
    expect(mid?.[1]).toBeCloseTo(at[1], 4);
  });

  it('spans its field of view with a vertex every few degrees', () => {
    expect(viewCone(at, 0, 60, 150, 5).length).toBe(12 + 1 + 2);
    expect(viewCone(at, 0, 1, 150, 5).length).toBe(2 + 1 + 2);
  });

  it('is a circle for a dome camera', () => {
    const ring = viewCone(at, 0, 360, 100);
    expect(ring[0]).toEqual(ring.at(-1));
    expect(ring).not.toContainEqual(at);
    for (const p of ring) expect(distanceMeters(at, p)).toBeCloseTo(100, 0);
  });
});
