import { afterEach, describe, expect, it, vi } from 'vitest';
import { displayTransform, WGS84_DISPLAY } from '../../app/map/display-crs';
import type { Getter } from './grid-data';
import { HEAT_REFRESH_MS, HeatPointsSource, nextHeatFetch } from './heat-points';

afterEach(() => vi.useRealTimers());

describe('when heat points are fetched', () => {
  it('fetches a new view at once, and changed counts at most once a minute', () => {
    expect(nextHeatFetch({}, 'reports:7d@1', 0)).toBe(0);
    expect(nextHeatFetch({ fetchedAt: 0, fetchedFor: 'reports:7d@1' }, 'reports:7d@1', 10_000)).toBeUndefined();
    expect(nextHeatFetch({ fetchedAt: 0, fetchedFor: 'reports:7d@1' }, 'reports:7d@2', 10_000)).toBe(HEAT_REFRESH_MS);
    expect(nextHeatFetch({ fetchedAt: 0, fetchedFor: 'reports:7d@1' }, 'reports:7d@2', 90_000)).toBe(90_000);
    expect(nextHeatFetch({ fetchedAt: 0, fetchedFor: 'reports:7d@1' }, 'reports:30d@1', 10_000)).toBe(10_000);
    expect(nextHeatFetch({ fetchedAt: 0, fetchedFor: 'x', inFlight: true }, 'reports:7d@2', 90_000)).toBeUndefined();
  });

  it('coalesces a burst of count changes into one fetch a minute later, with no timer after', async () => {
    vi.useFakeTimers();
    const get = vi.fn(async () => ({ metric: 'reports', window: '7d', from: 0, to: 1, coords: [116.2, 39.9, 116.21, 39.91] }));
    const src = new HeatPointsSource(get as unknown as Getter, () => Date.now());
    const changed = vi.fn();
    src.subscribe(changed);
    src.want('reports', '7d', 'v1');
    await vi.advanceTimersByTimeAsync(0);
    expect(get).toHaveBeenCalledTimes(1);
    expect(changed).toHaveBeenCalledTimes(1);
    for (let v = 2; v < 12; v++) {
      src.want('reports', '7d', `v${v}`);
      await vi.advanceTimersByTimeAsync(1000);
    }
    expect(get).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(HEAT_REFRESH_MS);
    expect(get).toHaveBeenCalledTimes(2);
    expect(vi.getTimerCount()).toBe(0);
    expect(src.displayCoords(WGS84_DISPLAY)).toEqual(new Float64Array([116.2, 39.9, 116.21, 39.91]));
    const gcj = displayTransform('gcj02');
    expect(src.displayCoords(gcj)?.[0]).toBeCloseTo(gcj(116.2, 39.9)[0], 9);
    expect(src.displayCoords(gcj)).toBe(src.displayCoords(gcj));
  });
});
