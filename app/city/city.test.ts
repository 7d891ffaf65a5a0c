import { describe, expect, it } from 'vitest';
import { shortPlaceName } from './city';

describe('place names', () => {
  it('drops administrative suffixes', () => {
    expect(shortPlaceName('八宝山街道办事处')).toBe('八宝山街道');
    expect(shortPlaceName('玉泉路西社区居委会')).toBe('玉泉路西社区');
    expect(shortPlaceName('五里坨')).toBe('五里坨');
  });
});
