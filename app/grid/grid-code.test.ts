import { describe, expect, it } from 'vitest';
import { communityOfGridCode, formatGridCode, isGridCode, parseGridCode, streetOfGrid } from './grid-code';

describe('GridCode', () => {
  it('parses and formats the 6 + 3 + 3 + 3 layout', () => {
    // A real code from Zhangjiagang (Jiangsu): county 320582, town 110, community 152, grid 102.
    expect(parseGridCode('320582110152102')).toEqual({ county: '320582', street: '110', community: '152', seq: 102 });
    expect(formatGridCode({ county: '110107', street: '011', community: '002', seq: 7 })).toBe('110107011002007');
    expect(streetOfGrid('110107011002007')).toBe('110107011000');
    expect(communityOfGridCode('110107011002007')).toBe('110107011002');
  });

  it('refuses what is not a grid code', () => {
    for (const bad of ['11010701100200', '1101070110020071', '110107011002000', 'abcdefghijklmno', '']) {
      expect(isGridCode(bad), bad).toBe(false);
      expect(parseGridCode(bad), bad).toBeUndefined();
    }
    expect(() => formatGridCode({ county: '110107', street: '011', community: '002', seq: 1000 })).toThrow(/1…999/);
    expect(() => formatGridCode({ county: '11010', street: '011', community: '002', seq: 1 })).toThrow(/6 \+ 3 \+ 3/);
  });
});
