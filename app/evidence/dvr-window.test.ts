import { describe, expect, it } from 'vitest';
import { clipRange, dvrWindow, reached, segmentAt, segmentsIn } from './dvr-window';

const T0 = Date.parse('2026-03-14T10:15:30.000+08:00');
// Ten 1 s segments with a 3 s hole (the camera was down) after the fifth.
const segs = Array.from({ length: 10 }, (_, i) => ({ start: T0 + i * 1000 + (i >= 5 ? 3000 : 0), durationMs: 1000, name: `s${i}` }));

describe('the DVR window', () => {
  it('finds the segment showing a stream time', () => {
    expect(segmentAt(segs, T0)).toMatchObject({ ok: true, segment: { name: 's0' } });
    expect(segmentAt(segs, T0 + 999)).toMatchObject({ ok: true, segment: { name: 's0' } });
    expect(segmentAt(segs, T0 + 1000)).toMatchObject({ ok: true, segment: { name: 's1' } });
    expect(segmentAt(segs, T0 + 999.5)).toMatchObject({ ok: true, segment: { name: 's1' } }); // a rounded start
    expect(segmentAt(segs, T0 - 0.5)).toMatchObject({ ok: true, segment: { name: 's0' } });
    expect(segmentAt(segs, T0 + 12_999)).toMatchObject({ ok: true, segment: { name: 's9' } });
  });

  it('tells outside the window from a hole inside it, and gives the window', () => {
    expect(segmentAt(segs, T0 - 5000)).toEqual({ ok: false, reason: 'outside', window: { from: T0, to: T0 + 13_000 } });
    expect(segmentAt(segs, T0 + 13_000)).toMatchObject({ ok: false, reason: 'outside' });
    expect(segmentAt(segs, T0 + 6500)).toMatchObject({ ok: false, reason: 'gap' });
    expect(segmentAt([], T0)).toEqual({ ok: false, reason: 'empty' });
    expect(dvrWindow(segs)).toEqual({ from: T0, to: T0 + 13_000 });
  });

  it('chooses whole segments for the clip T−10 s … T+5 s and knows when T+5 s is on disk', () => {
    const r = clipRange(T0 + 10_500);
    expect(r).toEqual({ from: T0 + 500, to: T0 + 15_500 });
    expect(segmentsIn(segs, r).map((s) => s.name)).toEqual(['s0', 's1', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9']);
    expect(segmentsIn(segs, { from: T0 + 1000, to: T0 + 2000 }).map((s) => s.name)).toEqual(['s1']);
    expect(reached(segs, r.to)).toBe(false);
    expect(reached(segs, T0 + 13_000)).toBe(true);
  });
});
