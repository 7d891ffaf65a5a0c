import { coverageChannel, focusChannel, gridStatsChannel, type GridWindow, type HeatPoints, type PlaceAreas } from '../../app/grid/grid-channels';
import { coverageOf, VisitLog } from '../../app/grid/coverage';
import type { HallModule } from '../hall/hall-module';
import type { PatrolsModule } from '../patrols/patrols-module';
import type { ReportsModule } from '../reports/reports-module';
import { visitedGrids } from '../tracks/track-store';
import { registerGridRoutes } from './grid-routes';
import { ReportCounts, reportCountsSince, reportPointsSince, statsItem, windowStart, WINDOWS } from './grid-stats';
import { dissolvePlaceAreas } from './place-areas';

/** Heat points served per request at most (the map benchmark draws 200,000). */
const MAX_POINTS = 200_000;
/** Full recount of every window (they slide); between recounts, new reports are counted as they come. */
const RECOUNT_MS = 5 * 60_000;
/** Changes are published at most this often (a burst of reports is one update of the map). */
const PUBLISH_MS = 2000;

/**
 * Unit grids (单元网格): the district's grids over HTTP (`/api/grids`, `/api/locate` …), per-grid counts on
 * the `grid-stats` channel (reports today, 7 d, 30 d; patrol visits today), today's patrol coverage of each
 * responsibility grid on `coverage`, and the wall's focus on `focus`.
 */
export function gridsModule(patrols: PatrolsModule, reports: ReportsModule): HallModule {
  return {
    name: 'grids',

    setup(hall) {
      const grids = hall.grids;
      const tz = hall.city.timeZone;
      const now = () => hall.clock.now();
      const stats = hall.channel(gridStatsChannel);
      const coverage = hall.channel(coverageChannel);
      const focus = hall.channel(focusChannel);

      // Place areas are dissolved once, on first use (a second or two for ten thousand grids).
      let areas: PlaceAreas | undefined;
      const placeAreas = () => (areas ??= dissolvePlaceAreas(grids?.features ?? [], hall.city.places));

      const counts = new ReportCounts();
      const dirty = new Set<GridWindow>();
      const visits = new VisitLog(tz);
      let visitsDirty = false;
      const streetOf = new Map(hall.responsibility.map((r) => [r.id, grids?.byCode.get(r.grids[0] ?? '')?.properties.street]));

      const publishStats = () => {
        const t = now();
        for (const w of dirty) {
          const item = counts.item(w, t);
          if (item) stats.upsert(item);
        }
        dirty.clear();
        if (visitsDirty) {
          visitsDirty = false;
          stats.upsert(statsItem('patrol-visits', 'today', windowStart('today', t, tz), t, visits.unitsPerGrid()));
          for (const r of hall.responsibility) {
            const street = streetOf.get(r.id);
            coverage.upsert(coverageOf(r, visits, street));
          }
        }
      };

      const recount = async () => {
        const db = hall.db.current();
        if (!db || !grids) return;
        const t = now();
        for (const w of WINDOWS) {
          const from = windowStart(w, t, tz);
          if (counts.set(w, from, await reportCountsSince(db, from))) dirty.add(w);
        }
        if (visits.roll(t)) visitsDirty = true;
        publishStats();
      };

      if (grids) {
        reports.onReport((r) => {
          if (!r.grid) return;
          for (const w of counts.add(r.grid, r.receivedAt)) dirty.add(w);
        });
        patrols.onTrackFix((fix) => {
          const grid = hall.locate(fix.lon, fix.lat).grid;
          if (grid && visits.add(fix.unitId, grid, fix.ts, now())) visitsDirty = true;
        });
        hall.every(PUBLISH_MS, publishStats);
        hall.every(RECOUNT_MS, () => void recount().catch((e: Error) => hall.log.warn('recount', `grid statistics: ${e.message}`)));
        hall.onDatabase(async (db) => {
          // Today's visits from before a restart, then the first full count.
          for (const v of await visitedGrids(db, windowStart('today', now(), tz))) visits.add(v.unitId, v.grid, now(), now());
          visitsDirty = true;
          await recount();
        });
      }

      // Focus clears itself when its dwell is over, so a wall that joins later is not sent to an old grid.
      let focusTimer: NodeJS.Timeout | undefined;
      hall.onStop(() => clearTimeout(focusTimer));
      const setFocus = (grid: string | null, dwellS: number, by: string) => {
        const until = now() + dwellS * 1000;
        const item = { id: 'focus' as const, grid, until, by };
        focus.upsert(item);
        clearTimeout(focusTimer);
        if (grid) focusTimer = setTimeout(() => focus.upsert({ id: 'focus', grid: null, until: now(), by }), dwellS * 1000);
        return item;
      };

      const points = async (window: GridWindow): Promise<HeatPoints | undefined> => {
        const db = hall.db.current();
        if (!db) return undefined;
        const t = now();
        const from = windowStart(window, t, tz);
        return { metric: 'reports', window, from, to: t, coords: await reportPointsSince(db, from, MAX_POINTS) };
      };

      const responsibilityOf = new Map<string, string>();
      for (const r of hall.responsibility) for (const code of r.grids) responsibilityOf.set(code, r.id);
      hall.routes((app) => registerGridRoutes(app, hall.db, { grids, responsibilityOf, locate: hall.locate, areas: placeAreas, points, focus: setFocus }));
      hall.health(() => ({ grids: grids?.features.length ?? 0, lattice: Boolean(grids?.lattice), approximate: grids?.approximate ?? true, responsibility: hall.responsibility.length }));
    },
  };
}
