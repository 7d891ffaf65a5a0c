import type { HealthSection } from '../../app/hall/health';
import type { HallModule } from '../hall/hall-module';
import { loadCaseData } from '../cases/case-data';
import type { DailyVolume } from './case-mix';
import { caseHistoryDays } from './case-history';
import { DEMO_HISTORY_MIGRATIONS, loadCaseHistory, type HistoryOutcome } from './case-history-loader';
import { caseWorld } from './demo-case-world';

export interface DemoHistoryOptions {
  seed: number;
  /** Hall days of history, today included. */
  days?: number;
  /** When the demo started (a case registered before it is the hall's own past). */
  since: number;
  volume?: DailyVolume;
  batchSize?: number;
}

export interface DemoHistory {
  module: HallModule;
  /** Settles once the history was written, found written, or not written (never rejects). */
  done: Promise<HistoryOutcome>;
}

/**
 * The demo city's 90-day past as a hall module: once the database is open and migrated, on the first
 * start only, it writes the history (generate-case-history) so rankings, KPIs and trends mean something
 * at once. Only the demo adds it, so a real hall never gets a made-up past.
 */
export function demoHistory(o: DemoHistoryOptions): DemoHistory {
  let settle: (out: HistoryOutcome) => void = () => {};
  const done = new Promise<HistoryOutcome>((r) => (settle = r));
  let outcome: HistoryOutcome | undefined;
  let loading: Promise<void> | undefined;
  let stopping = false;
  const days = o.days ?? 90;
  const finish = (out: HistoryOutcome) => {
    outcome ??= out;
    settle(outcome);
  };
  const module: HallModule = {
    name: 'demo-cases',
    migrations: DEMO_HISTORY_MIGRATIONS,
    setup(hall) {
      hall.health((): HealthSection => {
        if (!outcome) return { history: 'pending' };
        if (outcome.state === 'loaded') return { history: 'loaded', cases: outcome.written, ms: outcome.ms };
        return { history: outcome.state };
      });
      hall.onDatabase(async (db) => {
        const grids = hall.grids;
        if (!grids) return finish({ state: 'skipped', reason: 'the demo city has no unit grids' });
        loading = (async () => {
          const data = await loadCaseData();
          const out = await loadCaseHistory({
            db,
            data,
            centre: hall.city.adcode,
            timeZone: hall.city.timeZone,
            since: o.since,
            ...(o.batchSize ? { batchSize: o.batchSize } : {}),
            stopping: () => stopping,
            history: () => {
              const world = caseWorld(grids, hall.responsibility, hall.city.places, o.seed);
              const { places, inspectors, offices } = world;
              return caseHistoryDays({ seed: o.seed, now: hall.clock.now(), days, centre: hall.city.adcode, timeZone: hall.city.timeZone, data, places, inspectors, offices, ...(o.volume ? { volume: o.volume } : {}) });
            },
          });
          if (out.state === 'loaded') {
            hall.log.warn('history', `demo-cases: wrote the demo city's ${days}-day history, ${out.written} cases, in ${(out.ms / 1000).toFixed(1)} s`);
          }
          finish(out);
        })().catch((err: Error) => {
          hall.log.warn('history-failed', `demo-cases: the demo history could not be written: ${err.message}`);
          finish({ state: 'skipped', reason: err.message });
        });
        await loading;
      });
      hall.onStop(async () => {
        stopping = true;
        await loading;
        finish({ state: 'stopped', written: 0 });
      });
    },
  };
  return { module, done };
}
