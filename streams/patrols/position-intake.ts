import type { Auth, Principal } from '../auth/auth';
import type { IngestReport } from '../hall/hall-module';
import type { IntakePolicy } from '../ingest/intake-policy';
import type { RateLimiter } from '../ingest/rate-limiter';
import type { IngestSource, RejectReason } from '../ingest/reject-reason';
import { decodeFixes } from './decode-fix';
import type { AcceptedFix, FixOutcome, PatrolRegistry } from './patrol-registry';

export interface FixesOutcome {
  accepted: number;
  duplicate: number;
  outOfOrder: number;
  rejected: Array<{ index: number; reason: RejectReason }>;
}

export type IntakeResult = FixesOutcome | { refused: 'not-bound' | 'too-many-units' | 'rate-limited' };

export interface PositionIntakeOptions {
  registry: PatrolRegistry;
  policy: IntakePolicy;
  maxFixesPerMessage: number;
  /** Messages carrying live fixes, per unit (a flood of "now" is throttled). */
  liveLimiter: RateLimiter;
  /** Past fixes per unit: a terminal back in coverage flushes its queue (up to an hour at 1 Hz) in full. */
  backlogLimiter: RateLimiter;
  /** A fix older than this (server clock) is backlog, not live. */
  liveWindowMs: number;
  auth: Auth;
  report: IngestReport;
  /** Every fix that belongs in the track: accepted as the latest, or an older one (a flushed queue). */
  onTrackFix(fix: AcceptedFix, receivedAt: number, outcome: FixOutcome): void;
  /** Valid fixes that changed nothing (duplicate), or went to the track only (out-of-order); a sample of ages. */
  observe(ignored: { duplicate: number; outOfOrder: number }, ageS: number | undefined): void;
}

/**
 * Where a patrol's fixes enter, over MQTT or HTTP: who may speak for the unit, rate limits that throttle
 * floods of live fixes but keep a flushed offline queue whole, validation, and the registry.
 */
export class PositionIntake {
  private sampled = 0;

  constructor(private readonly o: PositionIntakeOptions) {}

  private refuse(reason: RejectReason, source: IngestSource, where: string, n = 1): void {
    this.o.report.rejected(reason, source, where, n);
  }

  take(unitId: string, value: unknown, now: number, source: IngestSource, principal?: Principal): IntakeResult {
    if (principal) {
      const claim = this.o.auth.claimUnit(principal, unitId);
      if (claim !== 'ok') {
        this.refuse(claim, source, `fixes for ${unitId} from credential ${principal.credential} (${claim})`);
        return { refused: claim };
      }
    }
    const out: FixesOutcome = { accepted: 0, duplicate: 0, outOfOrder: 0, rejected: [] };
    const decoded = decodeFixes(value, unitId, now, this.o.policy, this.o.maxFixesPerMessage);
    const live: Array<{ index: number; fix: AcceptedFix }> = [];
    const backlog: Array<{ index: number; fix: AcceptedFix }> = [];
    decoded.forEach((r, index) => {
      if (!r.ok) {
        out.rejected.push({ index, reason: r.reason });
        this.refuse(r.reason, source, `a fix from ${unitId}`);
      } else (r.fix.ts < now - this.o.liveWindowMs ? backlog : live).push({ index, fix: r.fix });
    });

    const good: AcceptedFix[] = [];
    if (live.length) {
      if (this.o.liveLimiter.take(unitId, now)) good.push(...live.map((x) => x.fix));
      else {
        for (const x of live) out.rejected.push({ index: x.index, reason: 'rate-limited' });
        this.refuse('rate-limited', source, `live fixes from ${unitId}, which sends faster than allowed`, live.length);
      }
    }
    for (const x of backlog) {
      if (this.o.backlogLimiter.take(unitId, now)) good.push(x.fix);
      else {
        out.rejected.push({ index: x.index, reason: 'rate-limited' });
        this.refuse('rate-limited', source, `past fixes from ${unitId}, beyond an hour's backlog`);
      }
    }
    if (!good.length && out.rejected.length && out.rejected.every((r) => r.reason === 'rate-limited')) return { refused: 'rate-limited' };

    // Oldest first, so a flushed queue replays in order and the newest ends up as the current state.
    good.sort((a, b) => a.ts - b.ts);
    let accepted = 0;
    for (const fix of good) {
      const outcome = this.o.registry.applyFix(fix, now);
      if (outcome === 'duplicate') {
        out.duplicate++;
        continue;
      }
      if (outcome === 'accepted') {
        out.accepted++;
        accepted++;
      } else out.outOfOrder++;
      this.o.onTrackFix(fix, now, outcome);
    }
    if (accepted) this.o.report.accepted('fix', accepted);
    // A sample is enough for the age distribution; observing every fix costs more than the rest of ingest.
    const newest = good.at(-1);
    const age = newest && (this.sampled++ & 15) === 0 ? Math.max(0, now - newest.ts) / 1000 : undefined;
    if (out.duplicate || out.outOfOrder || age !== undefined) this.o.observe({ duplicate: out.duplicate, outOfOrder: out.outOfOrder }, age);
    return out;
  }
}
