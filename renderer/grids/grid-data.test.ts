import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CityInfo } from '../../app/city/city';
import { HallError } from '../access/hall-api';
import { fixtureAreas, fixtureGrids } from './grid-fixtures';
import { gridData, loadGridData, resetGridData, type Getter } from './grid-data';

const city = { grids: { count: 80, approximate: false } } as CityInfo;
const noSleep = () => Promise.resolve();

afterEach(() => resetGridData());

describe('loading the hall’s grids', () => {
  it('asks for nothing when the hall has no grids', async () => {
    const get = vi.fn();
    await loadGridData({ ...city, grids: undefined }, get as unknown as Getter, noSleep);
    expect(get).not.toHaveBeenCalled();
    expect(gridData.getState().status).toBe('none');
  });

  it('loads grids and areas once, and indexes the grids', async () => {
    const get = vi.fn(async (path: string) => (path === '/api/grids' ? fixtureGrids(10, 8) : fixtureAreas()));
    await Promise.all([loadGridData(city, get as unknown as Getter, noSleep), loadGridData(city, get as unknown as Getter, noSleep)]);
    expect(get).toHaveBeenCalledTimes(2);
    const s = gridData.getState();
    expect(s.status).toBe('ready');
    expect(s.index?.byCode.size).toBe(80);
    expect(s.areas?.streets).toHaveLength(2);
  });

  it('tries again while the hall restarts, and stops at a refusal', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    let calls = 0;
    const get = vi.fn(async (path: string) => {
      if (path === '/api/grids/areas') throw new HallError(404, 'no-grids', 'none');
      if (++calls < 3) throw new HallError(0, 'http', 'down');
      return fixtureGrids(4, 4);
    });
    await loadGridData(city, get as unknown as Getter, noSleep);
    expect(calls).toBe(3);
    expect(gridData.getState().status).toBe('ready');
    expect(gridData.getState().areas).toBeUndefined();
    expect(error).toHaveBeenCalledTimes(1);
    error.mockRestore();
  });
});
