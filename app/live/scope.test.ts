import { describe, expect, it } from 'vitest';
import { inScope, scopeKey } from './scope';

describe('live scope', () => {
  it('lets a street sub-centre see its street only', () => {
    const scope = { streets: ['110107001000'] };
    expect(inScope(scope, '110107001000')).toBe(true);
    expect(inScope(scope, '110107011000')).toBe(false);
    expect(inScope(scope, undefined)).toBe(false);
  });

  it('lets the centre see everything', () => {
    expect(inScope(undefined, undefined)).toBe(true);
    expect(inScope({}, '110107011000')).toBe(true);
  });

  it('keys equal scopes equally', () => {
    expect(scopeKey({ streets: ['2', '1', '2'] })).toBe(scopeKey({ streets: ['1', '2'] }));
    expect(scopeKey(undefined)).toBe('*');
  });
});
