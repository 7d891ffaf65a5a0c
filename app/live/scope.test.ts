import { describe, expect, it } from 'vitest';
import { inScope, scopeKey, scopeWithin } from './scope';

const A = '110107001000'; // 八宝山街道
const B = '110107011000'; // 鲁谷街道

describe('live scope', () => {
  it('lets a street sub-centre see its street only', () => {
    const scope = { streets: [A] };
    expect(inScope(scope, { street: A })).toBe(true);
    expect(inScope(scope, { street: B })).toBe(false);
    expect(inScope(scope, {})).toBe(false);
  });

  it('matches communities and grids too', () => {
    expect(inScope({ communities: ['110107001002'] }, { street: A, community: '110107001002' })).toBe(true);
    expect(inScope({ grids: ['110107001002007'] }, { street: A, grid: '110107001002007' })).toBe(true);
    expect(inScope({ grids: ['110107001002007'] }, { street: A, grid: '110107001002008' })).toBe(false);
  });

  it('lets the centre see everything', () => {
    expect(inScope(undefined, {})).toBe(true);
    expect(inScope({}, { street: B })).toBe(true);
  });

  it('keys equal scopes equally', () => {
    expect(scopeKey({ streets: ['2', '1', '2'] })).toBe(scopeKey({ streets: ['1', '2'] }));
    expect(scopeKey(undefined)).toBe('*');
    expect(scopeKey({ streets: ['1'] })).not.toBe(scopeKey({ communities: ['1'] }));
  });

  it('keeps a token within its streets', () => {
    const allowed = { streets: [A] };
    expect(scopeWithin({ streets: [A] }, allowed)).toBe(true);
    expect(scopeWithin({ communities: ['110107001002'] }, allowed)).toBe(true); // a community of 八宝山
    expect(scopeWithin({ grids: ['110107001002007'] }, allowed)).toBe(true);
    expect(scopeWithin(undefined, allowed)).toBe(false); // the whole city
    expect(scopeWithin({ streets: [A, B] }, allowed)).toBe(false);
    expect(scopeWithin({ communities: ['110107011003'] }, allowed)).toBe(false);
    expect(scopeWithin({ streets: [B] }, undefined)).toBe(true); // a whole-city token may narrow
  });
});
