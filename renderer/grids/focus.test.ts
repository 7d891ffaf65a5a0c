import { describe, expect, it } from 'vitest';
import { activeFocus, fromChannel, nextFocusChange, URL_FOCUS_DWELL_MS, type FocusRequest } from './focus';

const G = '110107011002007';
const H = '110107012001003';

describe('which grid the map focuses', () => {
  const url: FocusRequest = { grid: G, until: 1000 + URL_FOCUS_DWELL_MS, at: 1000 };

  it('holds ?grid= for its dwell, then shows the whole view', () => {
    expect(activeFocus([url], 2000)?.grid).toBe(G);
    expect(activeFocus([url], 1000 + URL_FOCUS_DWELL_MS)).toBeUndefined();
    expect(nextFocusChange([url], 2000)).toBe(1000 + URL_FOCUS_DWELL_MS);
    expect(nextFocusChange([url], 40_000)).toBeUndefined();
  });

  it('lets the newest request in force win, and a “whole view” request cancel a focus', () => {
    const operator = fromChannel({ id: 'focus', grid: H, until: 60_000, by: 'console' }, 5000);
    expect(activeFocus([url, operator], 6000)).toMatchObject({ grid: H, by: 'console' });
    const back = fromChannel({ id: 'focus', grid: null, until: 90_000 }, 7000);
    expect(activeFocus([url, operator, back], 8000)).toBeUndefined();
  });

  it('ignores a focus whose time has passed (yesterday’s, in the snapshot)', () => {
    const old = fromChannel({ id: 'focus', grid: H, until: 500 }, 1500);
    expect(activeFocus([url, old], 2000)?.grid).toBe(G);
    const oldBack = fromChannel({ id: 'focus', grid: null, until: 500 }, 1500);
    expect(activeFocus([url, oldBack], 2000)?.grid).toBe(G);
  });
});
