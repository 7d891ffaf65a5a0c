import type { CaseEvent } from './case';
import type { CaseAction } from './case-actions';
import { STAGES, type ClockPhase } from './case-stage';
import type { CatalogueClass } from './catalogue';
import { limitMs, type TimeLimit } from './time-limit';
import type { WorkCalendar } from './work-calendar';
import { addMeasured, measuredBetween } from './working-time';

/**
 * The case clock, as pure functions of a case's history, its catalogue class and the working calendar
 * (docs/domain.md "Cases"). Each stage runs one clock (STAGES[stage].phase); a run of stages on the same
 * clock is one "round". Conventions:
 * - a round starts when the case enters its clock: re-entering restarts it. So rework gives the department a
 *   fresh handling limit (返工率 is what counts against it), and a return restarts the dispatch clock;
 * - time parked (挂账) is off the clock, in the limit's own measure; lateness before parking stays;
 * - an approved extension sets the handling deadline to its `until`; time parked after it pushes that on.
 */
export interface PhaseRound {
  phase: ClockPhase;
  start: number;
  /** Time parked in it, [from, to); `to` undefined while still parked. */
  parked: Array<{ from: number; to?: number }>;
  /** The latest extension approved in it (handling only). */
  extension?: { at: number; until: number };
  /** The event that ended it; undefined while it runs. */
  end?: { at: number; action: CaseAction };
}

export type Limits = Pick<CatalogueClass, 'limits'>;

/** A case's clock rounds, in order: the last one runs unless it has an `end`. */
export function phaseRounds(events: readonly CaseEvent[]): PhaseRound[] {
  const rounds: PhaseRound[] = [];
  let cur: PhaseRound | undefined;
  for (const e of events) {
    if (e.stage === 'parked') {
      cur?.parked.push({ from: e.at });
      continue;
    }
    const hole = cur?.parked.at(-1);
    if (e.action === 'unpark' && hole && hole.to === undefined) hole.to = e.at;
    const phase = STAGES[e.stage].phase;
    if (cur && phase === cur.phase) {
      if (e.action === 'extend-approve' && e.until !== undefined) cur.extension = { at: e.at, until: e.until };
      continue;
    }
    if (cur) cur.end = { at: e.at, action: e.action };
    cur = phase ? { phase, start: e.at, parked: [] } : undefined;
    if (cur) rounds.push(cur);
  }
  return rounds;
}

/** The round's running time from `from` on: [a, b) intervals, b undefined for the open one (none while parked). */
function activeIntervals(round: PhaseRound, from: number): Array<[number, number | undefined]> {
  const out: Array<[number, number | undefined]> = [];
  let a = from;
  for (const h of round.parked) {
    if (h.to !== undefined && h.to <= a) continue;
    if (h.from > a) out.push([a, h.from]);
    if (h.to === undefined) return out;
    a = h.to;
  }
  out.push([a, undefined]);
  return out;
}

/** Where the round's allowance is counted from and how much it is, in the limit's measure. */
function allowance(round: PhaseRound, limit: TimeLimit, calendar: WorkCalendar, timeZone: string): { from: number; ms: number } {
  const ext = round.phase === 'handle' ? round.extension : undefined;
  if (ext) return { from: ext.at, ms: measuredBetween(ext.at, ext.until, limit, calendar, timeZone) };
  return { from: round.start, ms: limitMs(limit, calendar.dayMs) };
}

/** A round's deadline; undefined while parked with time left (the clock is stopped). */
export function roundDeadline(round: PhaseRound, limit: TimeLimit, calendar: WorkCalendar, timeZone: string): number | undefined {
  const ext = round.phase === 'handle' ? round.extension : undefined;
  if (ext && !round.parked.some((h) => h.from >= ext.at)) return ext.until;
  const { from, ms } = allowance(round, limit, calendar, timeZone);
  let left = ms;
  for (const [a, b] of activeIntervals(round, from)) {
    if (b === undefined) return addMeasured(a, left, limit, calendar, timeZone);
    const m = measuredBetween(a, b, limit, calendar, timeZone);
    if (left <= m) return addMeasured(a, left, limit, calendar, timeZone);
    left -= m;
  }
  return undefined;
}

/** Allowance left at `now`, in the limit's measure (working ms for working-time limits); negative when used up. */
export function roundRemaining(round: PhaseRound, limit: TimeLimit, calendar: WorkCalendar, timeZone: string, now: number): number {
  const { from, ms } = allowance(round, limit, calendar, timeZone);
  const stop = Math.min(now, round.end?.at ?? now);
  let used = 0;
  for (const [a, b] of activeIntervals(round, from)) {
    const end = Math.min(b ?? stop, stop);
    if (end > a) used += measuredBetween(a, end, limit, calendar, timeZone);
  }
  return ms - used;
}

export interface StageClock {
  phase: ClockPhase;
  /** When the round began. */
  startedAt: number;
  /** The class's limit for this clock; undefined: the stage is not timed for the class. */
  limit?: TimeLimit;
  /** false while parked. */
  running: boolean;
  deadline?: number;
  /** Allowance left, in the limit's measure (see roundRemaining). */
  remaining?: number;
}

function currentRound(events: readonly CaseEvent[]): PhaseRound | undefined {
  const last = phaseRounds(events).at(-1);
  return last && !last.end ? last : undefined;
}

/** The clock of the case's current stage; undefined when none runs (closed, void). */
export function stageClock(events: readonly CaseEvent[], cls: Limits, calendar: WorkCalendar, timeZone: string, now: number): StageClock | undefined {
  const round = currentRound(events);
  if (!round) return undefined;
  const running = round.parked.at(-1)?.to !== undefined || round.parked.length === 0;
  const clock: StageClock = { phase: round.phase, startedAt: round.start, running };
  const limit = cls.limits[round.phase];
  if (!limit) return clock;
  clock.limit = limit;
  clock.deadline = roundDeadline(round, limit, calendar, timeZone);
  clock.remaining = roundRemaining(round, limit, calendar, timeZone, now);
  return clock;
}

/** The deadline of the case's current stage; undefined when untimed, stopped (parked) or finished. */
export function stageDeadline(events: readonly CaseEvent[], cls: Limits, calendar: WorkCalendar, timeZone: string): number | undefined {
  const round = currentRound(events);
  const limit = round && cls.limits[round.phase];
  return round && limit ? roundDeadline(round, limit, calendar, timeZone) : undefined;
}

/** Past the current stage's deadline (a red light, 红灯). A case parked after its deadline stays overdue. */
export function overdue(events: readonly CaseEvent[], cls: Limits, calendar: WorkCalendar, timeZone: string, now: number): boolean {
  const deadline = stageDeadline(events, cls, calendar, timeZone);
  return deadline !== undefined && now > deadline;
}

/** ms from now to the current stage's deadline (wall-clock), negative when overdue; undefined when none. */
export function timeLeft(events: readonly CaseEvent[], cls: Limits, calendar: WorkCalendar, timeZone: string, now: number): number | undefined {
  const deadline = stageDeadline(events, cls, calendar, timeZone);
  return deadline === undefined ? undefined : deadline - now;
}

export interface HandlingRound {
  start: number;
  deadline?: number;
  end?: { at: number; action: CaseAction };
  /** Reported done (处理反馈) by its deadline; undefined unless it ended in feedback. */
  onTime?: boolean;
}

/** Every handling round of a case (one per dispatch or rework) with its deadline and outcome. */
export function handlingRounds(events: readonly CaseEvent[], cls: Limits, calendar: WorkCalendar, timeZone: string): HandlingRound[] {
  const limit = cls.limits.handle;
  return phaseRounds(events)
    .filter((r) => r.phase === 'handle')
    .map((r) => {
      const deadline = limit ? roundDeadline(r, limit, calendar, timeZone) : undefined;
      const out: HandlingRound = { start: r.start };
      if (deadline !== undefined) out.deadline = deadline;
      if (r.end) out.end = r.end;
      if (r.end?.action === 'feedback') out.onTime = deadline === undefined || r.end.at <= deadline;
      return out;
    });
}

/**
 * For a closed case, whether its handling finished on time (按期): every handling round that was reported
 * done was reported by its deadline (a late first attempt stays late after rework). A case fixed on the spot
 * has no handling round and is on time. undefined when the case is not closed.
 */
export function closedOnTime(events: readonly CaseEvent[], cls: Limits, calendar: WorkCalendar, timeZone: string): boolean | undefined {
  if (events.at(-1)?.stage !== 'closed') return undefined;
  return handlingRounds(events, cls, calendar, timeZone).every((r) => r.onTime !== false);
}
