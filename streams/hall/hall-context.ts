import { Compile } from 'typebox/compile';
import type { CityInfo } from '../../app/city/city';
import { NearestPlaceLocator } from '../../app/city/place-locator';
import type { ResponsibilityGrid } from '../../app/grid/unit-grid';
import type { GridSet } from '../grids/grid-set';
import { ChannelRegistry } from '../../app/live/channel';
import type { Auth } from '../auth/auth';
import { HALL_MIGRATIONS } from '../cluster/hall-secret';
import type { HallConfig } from '../config/config';
import type { Db } from '../db/db';
import { migrate, type ModuleMigrations } from '../db/migrations';
import { serviceArea } from '../ingest/service-area';
import type { LogLimiter } from '../log/log-limiter';
import type { HallMetrics } from '../metrics/hall-metrics';
import type { DatabaseLink } from './connect-database';
import type { Clock, HallContext, HallDb } from './hall-module';

/** The hall's database as modules see it, plus what the wiring needs: migrations, then modules' hooks. */
export interface HallDbHandle extends HallDb {
  error(): string | undefined;
  /** Once the database is open: every module's migrations (and the hall's own), then `after`. */
  migrateWith(modules: ModuleMigrations[], after: (db: Db) => Promise<void>): void;
}

export function openHallDb(link: DatabaseLink): HallDbHandle {
  let db: Db | undefined;
  let failed: string | undefined;
  let resolve: (db: Db) => void = () => {};
  const ready = new Promise<Db>((r) => (resolve = r));
  return {
    current: () => db,
    ready,
    error: () => failed ?? link.error(),
    migrateWith(modules, after) {
      link.ready
        .then(async (opened) => {
          await migrate(opened, [{ module: 'hall', migrations: HALL_MIGRATIONS }, ...modules]);
          db = opened;
          resolve(opened);
          await after(opened);
        })
        .catch((err: Error) => {
          failed = `database migrations failed: ${err.message}`;
        });
    },
  };
}

export interface ContextDeps {
  config: HallConfig;
  city: CityInfo;
  grids: GridSet | undefined;
  responsibility: readonly ResponsibilityGrid[];
  auth: Auth;
  clock: Clock;
  metrics: HallMetrics;
  log: LogLimiter;
  db: HallDbHandle;
}

/** What every module gets: config, city, database, the locate service, auth, clock, metrics, ingest reporting. */
export function createHallContext(d: ContextDeps): { context: Omit<HallContext, 'log' | 'db'> & { db: HallDbHandle }; registry: ChannelRegistry } {
  const registry = new ChannelRegistry((schema) => {
    const compiled = Compile(schema);
    return (v) => compiled.Check(v);
  });
  // Grids when the district has them (exact, O(1) on a built lattice); else the nearest published place.
  const locator = d.grids?.locator ?? new NearestPlaceLocator(d.city.places);
  const accepted = d.metrics.ingestAccepted;
  const rejected = d.metrics.ingestRejected;
  const context = {
    config: d.config,
    city: d.city,
    grids: d.grids,
    responsibility: d.responsibility,
    db: d.db,
    locate: (lon: number, lat: number) => locator.locate(lon, lat),
    auth: d.auth,
    clock: d.clock,
    metrics: d.metrics.registry,
    ingest: {
      rejected: (reason: Parameters<HallContext['ingest']['rejected']>[0], source: Parameters<HallContext['ingest']['rejected']>[1], where: string, n = 1) => {
        rejected.labels(reason, source).inc(n);
        d.log.warn(`ingest:${source}:${reason}`, `ingest: refused ${where} (${reason})`);
      },
      accepted: (kind: string, n = 1) => accepted.labels(kind).inc(n),
    },
    intake: {
      maxFutureMs: 5 * 60_000,
      maxAgeMs: 24 * 3_600_000,
      area: serviceArea(d.city.bounds, d.config.ingest.serviceAreaMarginKm),
      defaultCrs: d.config.ingest.defaultCrs,
    },
  };
  return { context, registry };
}
