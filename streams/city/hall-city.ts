import { existsSync } from 'node:fs';
import path from 'node:path';
import type { CityInfo } from '../../app/city/city';
import type { ResponsibilityGrid } from '../../app/grid/unit-grid';
import { ConfigError, type HallConfig } from '../config/config';
import { loadGridSet, type GridSet } from '../grids/grid-set';
import { InputError } from '../grids/io/read-geojson';
import { readCityConfig, readResponsibility } from './city-config';
import { cityInfo, readBoundary, readPlaces } from './city-sources';
import { DEMO_CITY_FILES, loadDemoCity } from './demo-city';

/** Everything a hall knows about its district: the city as the wall draws it, its grids and responsibility grids. */
export interface HallCity {
  info: CityInfo;
  grids?: GridSet;
  responsibility: ResponsibilityGrid[];
}

/** Where `gridwall grid import` puts a city's own grids by default: the hall uses them when present. */
export function importedGridsFile(dataDir: string): string {
  return path.join(dataDir, 'grids', 'grids.geojson');
}

/** A bad input file behind a configured path is a configuration error naming GRIDWALL_CONFIG. */
async function configured<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (err) {
    if (err instanceof InputError) throw new ConfigError('GRIDWALL_CONFIG', `GRIDWALL_CONFIG: ${err.message}`);
    throw err;
  }
}

function withGrids(info: CityInfo, grids: GridSet | undefined): CityInfo {
  if (!grids) return info;
  const cell = grids.lattice?.cellSize;
  return { ...info, grids: { count: grids.features.length, approximate: grids.approximate, ...(cell ? { cellSize: cell } : {}) } };
}

/**
 * The hall's district: from its config file (GRIDWALL_CONFIG / `serve --config`), else the demo city
 * (Shijingshan) with its shipped grids. Grids imported into the data dir take precedence over shipped
 * ones; a config that names grids uses those.
 */
export async function loadHallCity(config: HallConfig): Promise<HallCity> {
  const imported = importedGridsFile(config.dataDir);
  if (config.cityConfig) {
    const c = await readCityConfig(config.cityConfig);
    const [boundary, places] = await configured(() => Promise.all([readBoundary(c.boundary), c.places ? readPlaces(c.places) : Promise.resolve([])]));
    const gridFile = c.grids ?? (existsSync(imported) ? imported : undefined);
    const grids = gridFile ? await configured(() => loadGridSet(gridFile)) : undefined;
    if (grids && grids.adcode !== c.adcode) {
      throw new ConfigError('GRIDWALL_CONFIG', `GRIDWALL_CONFIG: the grids in ${path.basename(grids.source)} are coded for ${grids.adcode}, but adcode is ${c.adcode}.`);
    }
    const info = cityInfo({
      adcode: c.adcode,
      district: c.district,
      centreName: config.centreName ? { ...c.centreName, zh: config.centreName } : c.centreName,
      boundary,
      places,
      attribution: c.attribution ?? '',
      timeZone: c.timeZone ?? config.timeZone,
    });
    if (c.basemap) info.basemap = c.basemap;
    return { info: withGrids(info, grids), ...(grids ? { grids } : {}), responsibility: c.responsibility ? await readResponsibility(c.responsibility) : [] };
  }
  const info = await loadDemoCity({ ...(config.centreName ? { centreName: config.centreName } : {}), timeZone: config.timeZone });
  const gridFile = existsSync(imported) ? imported : existsSync(DEMO_CITY_FILES.grids) ? DEMO_CITY_FILES.grids : undefined;
  const grids = gridFile ? await loadGridSet(gridFile) : undefined;
  return { info: withGrids(info, grids), ...(grids ? { grids } : {}), responsibility: [] };
}
