import { describe, expect, it } from 'vitest';
import { focusLabel, gridLayers, mapLabelName, placeLayers } from './grid-style';
import { ZOOMS_AT_1080 } from './zoom-rules';

describe('the grid map’s maplibre layers', () => {
  const all = [...placeLayers(1, ZOOMS_AT_1080), ...gridLayers(1, ZOOMS_AT_1080), focusLabel(1)];
  const byId = new Map(all.map((p) => [p.layer.id, p]));

  it('draws approximate boundaries dashed, surveyed ones solid', () => {
    for (const id of ['gridwall-street-line', 'gridwall-community-line', 'gridwall-grid-line']) {
      const solid = byId.get(id)?.layer as { paint: Record<string, unknown>; filter: unknown };
      const dashed = byId.get(`${id}-approx`)?.layer as { paint: Record<string, unknown>; filter: unknown };
      expect(solid.paint['line-dasharray']).toBeUndefined();
      expect(dashed.paint['line-dasharray']).toBeDefined();
      expect(dashed.filter).toEqual(['==', ['get', 'approximate'], true]);
    }
  });

  it('shows grids and their codes only from their zooms on, names never overlapping', () => {
    expect(byId.get('gridwall-grid-line')?.layer.minzoom).toBe(13);
    expect(byId.get('gridwall-grid-codes')?.layer.minzoom).toBe(15);
    expect(byId.get('gridwall-community-labels')?.layer.minzoom).toBe(13);
    for (const p of all.filter((x) => x.layer.type === 'symbol' && x.layer.id !== 'gridwall-focus-label')) {
      expect((p.layer.layout as Record<string, unknown>)['text-allow-overlap'], p.layer.id).toBe(false);
      expect(p.band).toBe('labels');
    }
  });

  it('shows no focus frame or label until a grid is focused', () => {
    for (const id of ['gridwall-focus-glow', 'gridwall-focus-line', 'gridwall-focus-label']) expect(byId.get(id)?.layer).toMatchObject({ filter: ['==', ['get', 'code'], ''] });
  });

  it('keeps fills under lines under labels', () => {
    expect(byId.get('gridwall-grid-fill')?.band).toBe('fills');
    expect(byId.get('gridwall-focus-line')?.band).toBe('lines');
    expect(byId.get('gridwall-focus-label')?.band).toBe('labels');
  });

  it('shortens community names on the map, not streets or villages', () => {
    expect(mapLabelName('黑石头社区', 'community')).toBe('黑石头');
    expect(mapLabelName('古城社区', 'community')).toBe('古城');
    expect(mapLabelName('南宫村', 'community')).toBe('南宫村');
    expect(mapLabelName('鲁谷街道', 'street')).toBe('鲁谷街道');
    expect(mapLabelName('八宝山街道办事处', 'street')).toBe('八宝山街道');
    expect(mapLabelName('黑石头社区居委会', 'community')).toBe('黑石头');
  });
});
