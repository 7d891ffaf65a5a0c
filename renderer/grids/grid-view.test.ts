import { describe, expect, it } from 'vitest';
import { DEFAULT_GRID_VIEW, focusFromUrl, gridView, statsKey } from './grid-view';

describe('what a window of the wall shows on its grids', () => {
  it('defaults to a choropleth of reports over 7 days', () => {
    expect(gridView('', {})).toEqual(DEFAULT_GRID_VIEW);
    expect(statsKey(gridView('', {}))).toBe('reports:7d');
  });

  it('takes what the layout pins, and the URL over that', () => {
    expect(gridView('', { 'grid-layer': 'heatmap', window: '30d' })).toEqual({ layer: 'heatmap', metric: 'reports', window: '30d' });
    expect(gridView('?grid-layer=choropleth&window=today', { 'grid-layer': 'heatmap', window: '30d' })).toEqual({ layer: 'choropleth', metric: 'reports', window: 'today' });
    expect(gridView('?grid-layer=coverage', {}).layer).toBe('coverage');
    expect(gridView('?grid-layer=none', {}).layer).toBe('none');
  });

  it('ignores values it does not know instead of guessing', () => {
    expect(gridView('?grid-layer=3d&window=1y&metric=noise', { window: 42 })).toEqual(DEFAULT_GRID_VIEW);
    expect(gridView('?window=1y', { window: 'today' }).window).toBe('today');
  });

  it('reads a grid to focus from the URL, 15 digits only', () => {
    expect(focusFromUrl('?grid=110107011002007')).toBe('110107011002007');
    expect(focusFromUrl('?grid=1101070110')).toBeUndefined();
    expect(focusFromUrl('')).toBeUndefined();
  });
});
