import { Compile } from 'typebox/compile';
import { Counter, Gauge } from 'prom-client';
import { PatrolState } from '../../app/patrol/patrol';
import type { HallModule } from '../hall/hall-module';
import type { PatrolsModule } from '../patrols/patrols-module';
import { registerTrackRoutes } from './track-routes';
import { deleteFixesBefore, latestFixes, TRACK_MIGRATIONS } from './track-store';
import { TrackThinner } from './track-thinner';
import { TrackWriter } from './track-writer';

const checkState = Compile(PatrolState);

export interface TracksModule extends HallModule {
  /** Writes everything buffered (tests, shutdown). */
  flush(): Promise<void>;
  readonly pending: number;
  readonly written: number;
}

/**
 * Tracks (轨迹): every patrol fix that belongs in a track is stored (thinned to TRACK_MIN_INTERVAL_MS),
 * replayed over `GET /api/patrols/{unitId}/track`, kept TRACK_RETENTION_DAYS, and used at start-up to
 * show where patrols last were.
 */
export function tracksModule(patrols: PatrolsModule): TracksModule {
  let writer: TrackWriter | undefined;
  return {
    name: 'tracks',
    migrations: TRACK_MIGRATIONS,
    flush: () => writer?.flush() ?? Promise.resolve(),
    get pending() {
      return writer?.pending ?? 0;
    },
    get written() {
      return writer?.written ?? 0;
    },

    setup(hall) {
      const c = hall.config;
      const w = new TrackWriter(() => hall.db.current());
      writer = w;
      w.start();
      hall.onStop(() => w.stop());

      const thinner = new TrackThinner(c.trackMinIntervalMs);
      patrols.onTrackFix((fix, receivedAt) => {
        if (!thinner.keep(fix.unitId, fix.ts)) return;
        const grid = hall.grids ? hall.locate(fix.lon, fix.lat).grid : undefined;
        w.add(grid ? { ...fix, grid } : fix, receivedAt);
      });

      const written = new Counter({ name: 'gridwall_tracks_written_total', help: 'Track fixes written to the database', registers: [hall.metrics] });
      const dropped = new Counter({ name: 'gridwall_tracks_dropped_total', help: 'Track fixes dropped because the database fell too far behind', registers: [hall.metrics] });
      const pending = new Gauge({ name: 'gridwall_tracks_pending', help: 'Track fixes buffered, not yet written', registers: [hall.metrics] });
      let seen = { written: 0, dropped: 0 };
      hall.every(1000, () => {
        pending.set(w.pending);
        written.inc(w.written - seen.written);
        dropped.inc(w.dropped - seen.dropped);
        seen = { written: w.written, dropped: w.dropped };
      });
      hall.health(() => ({ pending: w.pending, written: w.written, dropped: w.dropped }));

      hall.routes((app) => registerTrackRoutes(app, hall.db, (unitId) => patrols.get(unitId)));

      const retain = async () => {
        const db = hall.db.current();
        if (db) await deleteFixesBefore(db, hall.clock.now() - c.trackRetentionDays * 86_400_000);
      };
      hall.every(3_600_000, () => void retain().catch((e: Error) => hall.log.warn('retention', `retention: ${e.message}`)));

      // A restarted hall shows where its patrols last were as soon as the database is open. Rows that no
      // longer pass the patrol schema (written by an older, laxer hall) are skipped, never sent to a wall.
      hall.onDatabase(async (db) => {
        const now = hall.clock.now();
        let skipped = 0;
        for (const f of await latestFixes(db, now - c.patrolForgetMs)) {
          const state: PatrolState = { unitId: f.unitId, lon: f.lon, lat: f.lat, ts: f.ts, seenAt: f.receivedAt, status: 'online' };
          if (f.speed !== undefined) state.speed = f.speed;
          if (f.heading !== undefined) state.heading = f.heading;
          if (checkState.Check(state)) patrols.restore(state);
          else skipped++;
        }
        if (skipped) hall.log.warn('warm-start', `warm start skipped ${skipped} stored patrol position(s) that are not valid (e.g. a malformed unit id)`);
        await retain();
      });
    },
  };
}
