import { describe, expect, it, vi } from 'vitest';
import Value from 'typebox/value';
import { TrackPage, type TrackPoint } from '../../app/patrol/track';
import { hallDayStart, loadTrack, positionAt, replayTime, stretches } from './replay';

const pts: TrackPoint[] = [
  { ts: 1000, lon: 116.2, lat: 39.9 },
  { ts: 2000, lon: 116.201, lat: 39.9 },
  { ts: 4000, lon: 116.201, lat: 39.902 },
];

describe('a patrol’s day replayed', () => {
  it('starts the day at the hall’s midnight', () => {
    const t = Date.UTC(2025, 5, 1, 3, 30); // 11:30 in Beijing
    expect(hallDayStart(t, 'Asia/Shanghai')).toBe(Date.UTC(2025, 4, 31, 16, 0));
    expect(hallDayStart(Date.UTC(2025, 5, 1, 17, 0), 'Asia/Shanghai')).toBe(Date.UTC(2025, 5, 1, 16, 0));
  });

  it('reads a long day page after page', async () => {
    const get = vi.fn(async (path: string) => {
      const from = Number(new URL(path, 'http://x').searchParams.get('from'));
      const page = from < 2000 ? { points: pts.slice(0, 2), truncated: true, next: 2001 } : { points: pts.slice(2), truncated: false };
      const body = { unitId: 'u', from, to: 9000, ...page };
      expect(Value.Check(TrackPage, body)).toBe(true);
      return body;
    });
    expect(await loadTrack(get, 'u', 0, 9000)).toEqual(pts);
    expect(get).toHaveBeenCalledTimes(2);
    expect(get.mock.calls[0]?.[0]).toBe('/api/patrols/u/track?from=0&to=9000&limit=50000');
  });

  it('puts the patrol between its fixes at any moment', () => {
    expect(positionAt(pts, 0)).toEqual({ lon: 116.2, lat: 39.9, i: 0 });
    expect(positionAt(pts, 1500)?.lon).toBeCloseTo(116.2005, 9);
    expect(positionAt(pts, 3000)).toMatchObject({ lon: 116.201, i: 1 });
    expect(positionAt(pts, 3000)?.lat).toBeCloseTo(39.901, 9);
    expect(positionAt(pts, 9999)).toEqual({ lon: 116.201, lat: 39.902, i: 2 });
    expect(positionAt([], 1)).toBeUndefined();
  });

  it('draws no line across a silence or a jump, and waits there', () => {
    const gap: TrackPoint[] = [...pts, { ts: 600_000, lon: 116.3, lat: 39.95 }, { ts: 601_000, lon: 116.30001, lat: 39.95 }];
    expect(stretches(gap).map((s) => s.length)).toEqual([3, 2]);
    expect(positionAt(gap, 300_000)).toEqual({ lon: 116.201, lat: 39.902, i: 2 });
    expect(stretches([pts[0] as TrackPoint])).toEqual([]);
  });

  it('runs its clock at its speed while playing, and stops at the end', () => {
    const c = { t: 1000, anchor: 50_000, playing: true, speed: 60, end: 100_000 };
    expect(replayTime(c, 51_000)).toBe(61_000);
    expect(replayTime(c, 60_000)).toBe(100_000);
    expect(replayTime({ ...c, playing: false }, 60_000)).toBe(1000);
  });
});
