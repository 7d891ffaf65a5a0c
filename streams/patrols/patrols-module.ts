import { Counter, Gauge, Histogram } from 'prom-client';
import { countByStatus, type PatrolState } from '../../app/patrol/patrol';
import { patrolChannel } from '../../app/patrol/patrol-channel';
import { MAX_FIXES_PER_MESSAGE } from '../../app/patrol/position-fix';
import type { HallModule } from '../hall/hall-module';
import { inServiceArea } from '../ingest/intake-policy';
import { RateLimiter } from '../ingest/rate-limiter';
import { registerPatrolRoutes } from './patrol-routes';
import { PatrolRegistry, type AcceptedFix, type FixOutcome } from './patrol-registry';
import { PositionIntake } from './position-intake';

/** What other modules (tracks) and the hall's own tools may use of the patrols module. */
export interface PatrolsModule extends HallModule {
  get(unitId: string): PatrolState | undefined;
  list(): PatrolState[];
  /** Every fix that belongs in a patrol's track, as it is accepted. */
  onTrackFix(listener: (fix: AcceptedFix, receivedAt: number, outcome: FixOutcome) => void): void;
  /** A patrol's last known state from storage (warm start); ignored if newer is known or it is long silent. */
  restore(state: PatrolState): void;
}

/** How often statuses are re-derived from silence. */
const SWEEP_MS = 1000;
/** A fix older than this on arrival is backlog (a flushed offline queue), not live. */
const LIVE_WINDOW_MS = 10_000;

/**
 * Patrols (巡查): field terminals' positions over MQTT (`patrol/{unitId}/position`) and HTTP, the live
 * `patrols` channel, status from silence on the hall's clock, and ghost units forgotten.
 */
export function patrolsModule(): PatrolsModule {
  const trackListeners: Array<(fix: AcceptedFix, receivedAt: number, outcome: FixOutcome) => void> = [];
  let registry: PatrolRegistry | undefined;
  let now = () => Date.now();

  return {
    name: 'patrols',
    get: (unitId) => registry?.get(unitId),
    list: () => registry?.list() ?? [],
    onTrackFix: (listener) => void trackListeners.push(listener),
    restore: (state) => void registry?.applyState(state, now(), 'restore'),

    setup(hall) {
      now = () => hall.clock.now();
      const c = hall.config;
      const fixAge = new Histogram({
        name: 'gridwall_ingest_fix_age_seconds',
        help: 'Age of accepted fixes on arrival (server clock minus terminal ts), sampled',
        buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 15, 60, 300, 3600],
        registers: [hall.metrics],
      });
      const ignored = new Counter({
        name: 'gridwall_ingest_ignored_total',
        help: 'Valid fixes that did not change the live state: duplicate, or older than the latest (out-of-order, stored in the track)',
        labelNames: ['reason'] as const,
        registers: [hall.metrics],
      });
      const byStatus = new Gauge({ name: 'gridwall_patrols', help: 'Patrols known, by status', labelNames: ['status'] as const, registers: [hall.metrics] });

      const channel = hall.channel(patrolChannel, {
        onRemote: (change) => {
          for (const { item } of change.upsert) {
            if (!inServiceArea(item.lon, item.lat, hall.intake)) {
              hall.ingest.rejected('out-of-area', 'cluster', `a patrol state for ${item.unitId} from another hall server`);
              continue;
            }
            reg.applyState(item, hall.clock.now(), 'remote');
          }
        },
      });
      const reg = new PatrolRegistry(
        { ...c.silence, forgetAfterMs: c.patrolForgetMs },
        {
          changed: (p, cause) => void channel.upsert(p, { at: p.seenAt, relay: cause === 'fix' }),
          removed: (unitId) => channel.remove(unitId, { relay: false }),
        },
        hall.locate,
      );
      registry = reg;

      const intake = new PositionIntake({
        registry: reg,
        policy: hall.intake,
        maxFixesPerMessage: MAX_FIXES_PER_MESSAGE,
        liveLimiter: new RateLimiter(c.ingest.unitRate, c.ingest.unitBurst),
        backlogLimiter: new RateLimiter(1, c.ingest.backlogFixes),
        liveWindowMs: LIVE_WINDOW_MS,
        auth: hall.auth,
        report: hall.ingest,
        onTrackFix: (fix, at, outcome) => {
          for (const l of trackListeners) l(fix, at, outcome);
        },
        observe: (n, ageS) => {
          if (n.duplicate) ignored.labels('duplicate').inc(n.duplicate);
          if (n.outOfOrder) ignored.labels('out-of-order').inc(n.outOfOrder);
          if (ageS !== undefined) fixAge.observe(ageS);
        },
      });

      hall.topic({ pattern: 'patrol/+/position', handle: (m) => void intake.take(m.params[0] as string, m.value, m.now, 'mqtt', m.principal) });
      hall.routes((app) => registerPatrolRoutes(app, reg, intake));
      hall.health(() => {
        const counts = countByStatus(reg.list());
        return { total: reg.size, online: counts.online };
      });
      hall.every(SWEEP_MS, () => {
        reg.sweep(hall.clock.now());
        const counts = countByStatus(reg.list());
        for (const [status, n] of Object.entries(counts)) byStatus.labels(status).set(n);
      });
    },
  };
}
