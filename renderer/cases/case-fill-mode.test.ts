import { describe, expect, it } from 'vitest';
import { caseDomain, caseFillMode, densestSquareKm } from './case-fill-mode';

describe('case fill', () => {
  it('takes the URL over the layout, ignores what it does not know, and is off by default', () => {
    expect(caseFillMode('?case-layer=heatmap', { 'case-layer': 'choropleth' })).toBe('heatmap');
    expect(caseFillMode('?case-layer=bogus', { 'case-layer': 'choropleth' })).toBe('choropleth');
    expect(caseFillMode('', {})).toBe('none');
  });

  it('ranges from 0 to the busiest grid in 1-2-5 steps', () => {
    expect(caseDomain(new Map())).toEqual([0, 1]);
    expect(caseDomain(new Map([['a', 3], ['b', 1]]))).toEqual([0, 5]);
    expect(caseDomain(new Map([['a', 12]]))).toEqual([0, 20]);
  });
});

describe('case heat', () => {
  it('finds the densest square kilometre', () => {
    const near = [
      { lon: 116.2, lat: 39.9 },
      { lon: 116.2001, lat: 39.9001 },
      { lon: 116.2002, lat: 39.9 },
    ];
    expect(densestSquareKm([...near, { lon: 116.3, lat: 39.9 }])).toBe(3);
    expect(densestSquareKm([])).toBe(0);
  });
});
