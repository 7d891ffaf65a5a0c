import type { CaseActor, CaseEvent } from '../../app/case/case';
import type { CaseAction } from '../../app/case/case-actions';
import { applyAction, type ActionExtra, type ActionGuard, type CaseState } from '../../app/case/case-history';
import { nextDate } from '../../app/case/zoned-time';
import type { Rng } from '../simulator/walker';
import type { WorkClock } from './work-clock';

/**
 * A case's history written step by step through app/case's `applyAction`, so every made-up history is one
 * the workflow allows. Steps past `until` (the present) are not taken: the case stays where it got to.
 */
export class CaseScript {
  readonly events: CaseEvent[] = [];
  state: CaseState | undefined;
  /** It reached the present: later steps are dropped. */
  stopped = false;

  constructor(private readonly until: number) {}

  /** When the last step was taken. */
  get at(): number {
    return this.state?.at ?? 0;
  }

  /** Takes the step at `at` (never before the last one); false, and nothing more, once past the present. */
  act(action: CaseAction, by: CaseActor, at: number, extra: ActionExtra = {}, guard: ActionGuard = {}): boolean {
    if (this.stopped) return false;
    const when = Math.max(Math.round(at), this.at);
    if (when >= this.until) {
      this.stopped = true;
      return false;
    }
    const r = applyAction(this.state, action, by, when, extra, guard);
    if (!r.ok) throw new Error(`demo history: "${action}" by ${by.role} in stage ${this.state?.stage ?? 'new'} was refused (${r.status}): ${r.reason}`);
    this.events.push(r.event);
    this.state = r.state;
    return true;
  }
}

const MIN = 60_000;

/** A standard normal draw (Box–Muller). */
export function normal(rng: Rng): number {
  const u = Math.max(rng(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/** Minutes drawn around a median with a right tail, as waiting times are. */
export function minutesAround(rng: Rng, median: number, sigma = 0.6): number {
  return median * Math.exp(sigma * normal(rng));
}

/** A uniform draw in [a, b). */
export function between(rng: Rng, a: number, b: number): number {
  return a + rng() * (b - a);
}

/**
 * The first moment at or after `t` within the daily hours [from, to) minutes (a desk staffed 07:00–22:00);
 * outside them, the next opening plus a little, as the first thing someone does on arrival.
 */
export function whenStaffed(clock: WorkClock, t: number, from: number, to: number, rng: Rng): number {
  if (from <= 0 && to >= 1440) return t;
  const { date, minutes } = clock.civil(t);
  if (minutes >= from && minutes < to) return t;
  const day = minutes < from ? date : nextDate(date);
  return clock.at(day, from) + between(rng, 1, 25) * MIN;
}
