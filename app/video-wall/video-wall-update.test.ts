import { describe, expect, it } from 'vitest';
import Value from 'typebox/value';
import { defaultVideoWall, VideoWallState, type VideoWallUpdate } from './video-wall';
import { applyUpdate } from './video-wall-update';

const T0 = 1_700_000_000_000;
const known = (id: string) => id.startsWith('cam-');
const apply = (u: VideoWallUpdate, s = defaultVideoWall(T0)) => applyUpdate(s, u, T0 + 1000, 'operator', known);

function ok(u: VideoWallUpdate, s?: VideoWallState): VideoWallState {
  const r = apply(u, s);
  if (!r.ok) throw new Error(r.message);
  expect(Value.Check(VideoWallState, r.state)).toBe(true);
  return r.state;
}

describe('changing the wall', () => {
  it('sets split, cells, pins and tour, and counts the version up', () => {
    const s = ok({ layout: 4, cells: ['cam-1', 'cam-2'], pinned: [1], tour: { group: '鲁谷', dwellS: 15 } });
    expect(s).toMatchObject({ version: 1, layout: 4, cells: ['cam-1', 'cam-2'], pinned: [1], tour: { group: '鲁谷', dwellS: 15, position: 0, startedAt: T0 + 1000 }, by: 'operator' });
  });

  it('refuses what it cannot do, saying why', () => {
    const cases: Array<[VideoWallUpdate, RegExp]> = [
      [{ layout: 4, cells: ['cam-1', 'cam-2', 'cam-3', 'cam-4', 'cam-5'] }, /4 split has 4 cells; 5/],
      [{ layout: 4, pinned: [6] }, /cannot pin 6/],
      [{ pinned: [2] }, /cell 2 has no camera to pin/],
      [{ cells: ['cam-1', 'dvr-9'] }, /no camera is registered as dvr-9/],
      [{ layout: 'custom' }, /custom split needs its cells/],
      [{ layout: 'custom', custom: { columns: 2, rows: 1, cells: [{ x: 0, y: 0, w: 3, h: 1 }] } }, /beyond the 2×1 grid/],
      [{ tour: { group: 'a', cameras: ['cam-1'], dwellS: 10 } }, /not both/],
      [{ layout: 1, maximised: 3 }, /cannot maximise cell 3/],
    ];
    for (const [u, why] of cases) {
      const r = apply(u);
      expect(r.ok, JSON.stringify(u)).toBe(false);
      if (!r.ok) expect(r.message).toMatch(why);
    }
    const stale = apply({ version: 7, layout: 4 });
    expect(stale).toMatchObject({ ok: false, status: 409 });
  });

  it('fits what it keeps to a smaller split', () => {
    const nine = ok({ cells: ['cam-1', null, 'cam-3', null, null, 'cam-6'], pinned: [0, 5], maximised: 5 });
    const four = ok({ layout: 4 }, nine);
    expect(four).toMatchObject({ cells: ['cam-1', null, 'cam-3'], pinned: [0] });
    expect(four.maximised).toBeUndefined();
  });

  it('keeps the page and pause when only the dwell changes, starts over for other cameras, stops on null', () => {
    const base = { ...defaultVideoWall(T0), tour: { group: 'g', dwellS: 30, position: 5, startedAt: T0, pausedBy: 'operator' as const } };
    expect(ok({ tour: { group: 'g', dwellS: 10 } }, base).tour).toMatchObject({ position: 5, dwellS: 10, pausedBy: 'operator' });
    expect(ok({ tour: { group: 'h', dwellS: 10 } }, base).tour).toEqual({ group: 'h', dwellS: 10, position: 0, startedAt: T0 + 1000 });
    expect(ok({ tour: null }, base).tour).toBeUndefined();
    expect(ok({ maximised: null }, { ...base, maximised: 2 }).maximised).toBeUndefined();
  });

  it('keeps a custom split under another split, to come back to', () => {
    const custom = { columns: 2, rows: 1, cells: [{ x: 0, y: 0, w: 1, h: 1 }, { x: 1, y: 0, w: 1, h: 1 }] };
    const c = ok({ layout: 'custom', custom });
    const nine = ok({ layout: 9 }, c);
    expect(nine.custom).toEqual(custom);
    expect(ok({ layout: 'custom' }, nine).layout).toBe('custom');
  });
});
