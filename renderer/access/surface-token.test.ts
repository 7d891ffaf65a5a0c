import { describe, expect, it } from 'vitest';
import { tokenFrom, withoutToken } from './surface-token';

describe('surface token', () => {
  it('takes the token from the URL first, else the kept one', () => {
    expect(tokenFrom({ hash: '#token=abc', search: '' }, 'old')).toEqual({ token: 'abc', fromUrl: true });
    expect(tokenFrom({ hash: '', search: '?street=1&token=q' }, null)).toEqual({ token: 'q', fromUrl: true });
    expect(tokenFrom({ hash: '', search: '' }, 'old')).toEqual({ token: 'old', fromUrl: false });
    expect(tokenFrom({ hash: '', search: '' }, null)).toEqual({ fromUrl: false });
  });

  it('strips the token from the address', () => {
    expect(withoutToken('http://hall:8750/?street=110107011000&token=x#token=y')).toBe('http://hall:8750/?street=110107011000');
    expect(withoutToken('http://hall:8750/?lang=en#token=y&layout=wide')).toBe('http://hall:8750/?lang=en#layout=wide');
  });
});
