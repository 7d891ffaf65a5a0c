import { describe, expect, it } from 'vitest';
import { scopeFromSearch } from './scope-from-url';

describe('scope from the URL', () => {
  it('reads street codes and ignores junk', () => {
    expect(scopeFromSearch('?street=110107001000')).toEqual({ streets: ['110107001000'] });
    expect(scopeFromSearch('?street=110107001000,abc,110107011000,110107001000')).toEqual({ streets: ['110107001000', '110107011000'] });
    expect(scopeFromSearch('?street=')).toBeUndefined();
    expect(scopeFromSearch('')).toBeUndefined();
  });
});
