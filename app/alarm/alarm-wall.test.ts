import { describe, expect, it } from 'vitest';
import { defaultVideoWall, type VideoWallState } from '../video-wall/video-wall';
import { applyUpdate } from '../video-wall/video-wall-update';
import { nearestCamera, placeOnWall, releaseHold } from './alarm-wall';

const wall = (over: Partial<VideoWallState> = {}): VideoWallState => ({ ...defaultVideoWall(0), ...over });
const none = [] as Array<string | undefined>;
const apply = (s: VideoWallState, u: Parameters<typeof applyUpdate>[1]) => {
  const r = applyUpdate(s, u, 1, 'alarm', () => true);
  if (!r.ok) throw new Error(r.message);
  return r.state;
};

describe('placing an alarm’s camera on the wall', () => {
  it('pins it in the first cell nobody pinned, and gives the cell back on release', () => {
    const s = wall({ cells: ['op-1'], pinned: [0] });
    const p = placeOnWall(s, none, 'cam-9');
    expect(p).toEqual({ kind: 'place', hold: { cell: 1 }, update: { version: 0, cells: ['op-1', 'cam-9'], pinned: [0, 1] } });
    if (p.kind !== 'place') return;
    const held = apply(s, p.update);
    expect(held).toMatchObject({ cells: ['op-1', 'cam-9'], pinned: [0, 1] });
    const u = releaseHold(held, 'cam-9', p.hold);
    expect(u).toEqual({ version: 1, cells: ['op-1', null], pinned: [0] });
    if (u) expect(apply(held, u)).toMatchObject({ cells: ['op-1'], pinned: [0] });
  });

  it('takes the big cell of the 6 split, and prefers a cell already showing the camera among equals', () => {
    expect(placeOnWall(wall({ layout: 6 }), none, 'cam-9')).toMatchObject({ hold: { cell: 0 } });
    expect(placeOnWall(wall({ layout: 6, cells: ['x'], pinned: [0] }), ['x', 'a', 'cam-9'], 'cam-9')).toMatchObject({ hold: { cell: 2 } });
    expect(placeOnWall(wall({ layout: 9 }), ['a', 'b', 'c', 'cam-9'], 'cam-9')).toMatchObject({ hold: { cell: 3 } });
  });

  it('leaves a camera already pinned where it is, and a full wall as the operators set it', () => {
    expect(placeOnWall(wall({ layout: 4, cells: [null, 'cam-9'], pinned: [1] }), none, 'cam-9')).toEqual({ kind: 'on-wall', cell: 1 });
    expect(placeOnWall(wall({ layout: 1, cells: ['op-1'], pinned: [0] }), none, 'cam-9')).toEqual({ kind: 'full' });
  });

  it('keeps what the cell had before, and gives nothing back once the operators changed the cell', () => {
    const s = wall({ tour: undefined, cells: ['a', 'b'] });
    const p = placeOnWall(s, ['a', 'b'], 'cam-9');
    expect(p).toMatchObject({ hold: { cell: 0, previous: 'a' } });
    if (p.kind !== 'place') return;
    const held = apply(s, p.update);
    expect(releaseHold(held, 'cam-9', p.hold)).toMatchObject({ cells: ['a', 'b'], pinned: [] });
    expect(releaseHold(apply(held, { cells: ['op-2', 'b'] }), 'cam-9', p.hold)).toBeUndefined();
    expect(releaseHold(apply(held, { pinned: [] }), 'cam-9', p.hold)).toBeUndefined();
  });
});

describe('the nearest camera', () => {
  const cams = [
    { id: 'far', lon: 116.23, lat: 39.9 },
    { id: 'near', lon: 116.2205, lat: 39.9 },
    { id: 'nowhere' },
  ];
  it('is the closest within the distance, or none', () => {
    const r = nearestCamera(cams, [116.22, 39.9], 200);
    expect(r?.id).toBe('near');
    expect(r?.distanceM).toBeGreaterThan(40);
    expect(r?.distanceM).toBeLessThan(45);
    expect(nearestCamera(cams, [116.3, 39.9], 200)).toBeUndefined();
  });
});
