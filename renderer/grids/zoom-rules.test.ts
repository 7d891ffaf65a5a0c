import { describe, expect, it } from 'vitest';
import { gridCodeExpression, gridCodeLabel, zoomRules, ZOOMS_AT_1080 } from './zoom-rules';

describe('what the map shows by zoom', () => {
  it('goes district → streets → communities → grid outlines → sequences → full codes', () => {
    const r = ZOOMS_AT_1080;
    expect(r.communityLinesFrom).toBeLessThanOrEqual(r.communityLabelsFrom);
    expect(r.communityLabelsFrom).toBeLessThan(r.streetLabelsUntil);
    expect(r.gridLinesFrom).toBeGreaterThanOrEqual(r.communityLinesFrom);
    expect(r.gridCodesFrom).toBeGreaterThan(r.gridLinesFrom);
    expect(r.fullCodesFrom).toBeGreaterThan(r.gridCodesFrom);
    expect(r.gridLinesFrom).toBe(13);
    expect(r.gridCodesFrom).toBe(15);
  });

  it('labels a grid with its sequence, then its full code', () => {
    const r = ZOOMS_AT_1080;
    expect(gridCodeLabel('110107011002007', 14, r)).toBe('');
    expect(gridCodeLabel('110107011002007', 15.5, r)).toBe('007');
    expect(gridCodeLabel('110107011002007', 17, r)).toBe('110107011002007');
    expect(gridCodeExpression(r)).toEqual(['step', ['zoom'], ['slice', ['get', 'code'], 12], 17, ['get', 'code']]);
  });

  it('shows the same apparent sizes on a 2160-line wall one zoom level later', () => {
    const uhd = zoomRules(2);
    expect(uhd.gridLinesFrom).toBe(14);
    expect(uhd.gridCodesFrom).toBe(16);
    expect(zoomRules(1)).toEqual(ZOOMS_AT_1080);
  });
});
