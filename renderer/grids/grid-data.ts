import { createStore } from 'zustand/vanilla';
import type { TSchema, Static } from 'typebox';
import type { CityInfo } from '../../app/city/city';
import { PlaceAreas } from '../../app/grid/grid-channels';
import { UnitGridCollection } from '../../app/grid/unit-grid';
import { HallError } from '../access/hall-api';
import { surfaceGet } from '../access/surface';
import { indexGrids, type GridIndex } from './grid-index';

/**
 * The hall's unit grids and the street and community areas they make up, fetched once per page
 * (`GET /api/grids`, ~2 MB for a district; `GET /api/grids/areas`), each checked against its schema.
 * `none`: the hall has no grids (the map labels places by their points instead).
 */
export interface GridData {
  status: 'idle' | 'loading' | 'ready' | 'none';
  grids?: UnitGridCollection;
  index?: GridIndex;
  areas?: PlaceAreas;
}

export const gridData = createStore<GridData>()(() => ({ status: 'idle' }));

export type Getter = <S extends TSchema>(path: string, schema: S) => Promise<Static<S>>;

/** A refusal or "no grids here" is final; anything else (the hall restarting) is tried again. */
const final = (err: unknown) => err instanceof HallError && [401, 403, 404].includes(err.status);

async function fetchUntilFinal<S extends TSchema>(get: Getter, path: string, schema: S, sleep: (ms: number) => Promise<void>): Promise<Static<S> | undefined> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await get(path, schema);
    } catch (err) {
      if (final(err)) {
        console.error(`gridwall: ${path}: ${err instanceof Error ? err.message : String(err)}`);
        return undefined;
      }
      await sleep(Math.min(60_000, 2000 * 2 ** attempt));
    }
  }
}

let started: Promise<void> | undefined;

/** Loads the grids once, whichever map asks first (a wall may show two maps). */
export function loadGridData(city: CityInfo, get: Getter = surfaceGet, sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))): Promise<void> {
  started ??= (async () => {
    if (!city.grids?.count) {
      gridData.setState({ status: 'none' });
      return;
    }
    gridData.setState({ status: 'loading' });
    const [grids, areas] = await Promise.all([fetchUntilFinal(get, '/api/grids', UnitGridCollection, sleep), fetchUntilFinal(get, '/api/grids/areas', PlaceAreas, sleep)]);
    if (!grids) {
      gridData.setState({ status: 'none', ...(areas ? { areas } : {}) });
      return;
    }
    gridData.setState({ status: 'ready', grids, index: indexGrids(grids), ...(areas ? { areas } : {}) });
  })();
  return started;
}

/** For tests: forget what was loaded. */
export function resetGridData(): void {
  started = undefined;
  gridData.setState({ status: 'idle', grids: undefined, index: undefined, areas: undefined }, true);
}
