import { describe, expect, it } from 'vitest';
import { loadDemoCity } from '../city/demo-city';
import { LiveHub } from '../live/live-hub';
import type { TrackFix } from '../tracks/track-writer';
import { HallState } from './hall-state';

async function setup(trackMinIntervalMs: number) {
  const stored: TrackFix[] = [];
  const hub = new LiveHub({ patrols: () => [], cameras: () => [], reports: () => [] });
  const state = new HallState(
    await loadDemoCity(),
    { staleAfterMs: 30_000, offlineAfterMs: 120_000 },
    hub,
    { tracks: { add: (f) => void stored.push(f) }, trackMinIntervalMs, saveReport: async () => true },
    () => {},
  );
  return { state, stored };
}

describe('HallState', () => {
  it('keeps at most one track fix per patrol per interval, while the live state takes every fix', async () => {
    const { state, stored } = await setup(1000);
    const fixes = [0, 250, 500, 750, 1000, 1250, 2100].map((dt) => ({ unitId: 'u1', ts: 1_000_000 + dt, lon: 116.2, lat: 39.9 }));
    expect(state.fixes(fixes, 0)).toEqual(Array(7).fill('accepted'));
    expect(stored.map((f) => f.ts - 1_000_000)).toEqual([0, 1000, 2100]);
    expect(state.patrols.get('u1')?.ts).toBe(1_002_100);
  });

  it('keeps every fix with an interval of 0', async () => {
    const { state, stored } = await setup(0);
    state.fixes([1, 2, 3].map((ts) => ({ unitId: 'u1', ts, lon: 116.2, lat: 39.9 })), 0);
    expect(stored).toHaveLength(3);
  });

  it('locates patrols in their street', async () => {
    const { state } = await setup(0);
    state.fixes([{ unitId: 'u1', ts: 1, lon: 116.2193, lat: 39.8975 }], 0);
    expect(state.patrols.get('u1')?.street).toBe('110107011000');
  });
});
