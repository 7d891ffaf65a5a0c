import type { CaseEvent, CaseSource } from './case';
import { ACTIONS, type CaseAction, type CaseRole } from './case-actions';
import { applyAction, type ActionExtra, type CaseState } from './case-history';
import type { CaseStage } from './case-stage';

/**
 * Another system's case as its export gives it — the time each stage was reached, blank when not reached —
 * turned into a history the workflow table accepts (docs/domain.md "Cases"). Pure. Every step goes through
 * applyAction with a role the table allows there, so an imported case is indistinguishable from a live one.
 *
 * Choices (the exports do not say more):
 * - 立案 is accept (acceptor) then file (shift leader), both at the filing time; 核查 is request-check
 *   (acceptor) then check-pass (inspector), both at the check time.
 * - An inspector's case with a handling or closing time but no filing or dispatch is 自行处置 (self-fix).
 * - A 处置截止时间 later than the class's own deadline is an extension asked for and approved at dispatch, so
 *   the hall's deadline and 按期 judgement are the source's; an earlier one is ignored (the class limit runs).
 * - `missingTimes: 'refuse'` (exports that write every stage time): a blank time before a given one, or a
 *   current stage the times do not reach, is refused. `'fill'` (311 exports with only opened/closed): a step
 *   that must have happened is dated from its neighbours (see milestoneTimes), and the steps the current
 *   stage needs beyond the last time are dated at it.
 */

/** The stage times, in workflow order, plus the handling deadline. ms since the epoch. */
export interface StageTimes {
  reported: number;
  filed?: number;
  dispatched?: number;
  /** 处置截止时间. */
  deadline?: number;
  handled?: number;
  checked?: number;
  closed?: number;
}

const MILESTONES = ['reported', 'filed', 'dispatched', 'handled', 'checked', 'closed'] as const;
type Milestone = (typeof MILESTONES)[number];
export type HistoryField = Milestone | 'deadline' | 'stage' | 'department';

export interface HistoryInput {
  times: StageTimes;
  source: CaseSource;
  /** Where it was dispatched (needed once it was). */
  department?: string;
  /** The stage the source says the case is in now; absent: wherever the times lead. */
  stage?: CaseStage;
  /** The reporting inspector's id, when the export names one. */
  reporter?: string;
  /** The class's own handling deadline for a dispatch at `at` (from the catalogue and calendar). */
  classDeadline?: (at: number) => number | undefined;
  missingTimes?: 'refuse' | 'fill';
  /** How to name each field in a reason (the export's column, its value): defaults to the field's name. */
  labels?: Partial<Record<HistoryField, string>>;
}

export type HistoryResult = { ok: true; events: CaseEvent[] } | { ok: false; reason: string };

/** Who imports: every synthesised step is by this id, in the role the table wants. */
export const IMPORT_ACTOR_ID = 'import';

/** A deadline this much later than the class's is taken as the same one (rounding in the source system). */
const DEADLINE_SLACK_MS = 60_000;

/** How many milestones (index of the last one) a current stage needs, on the main path. */
const REACH: Readonly<Record<CaseStage, number>> = {
  reported: 0,
  verifying: 0,
  accepted: 0,
  void: 0,
  filed: 1,
  parked: 1,
  returned: 2,
  handling: 2,
  extending: 2,
  'fed-back': 3,
  checking: 3,
  checked: 4,
  closed: 5,
};

/** Steps that move a case to a stage without a time of their own: the current stage says they happened. */
const STAGE_ONLY: readonly CaseAction[] = ['request-verify', 'accept', 'void', 'park', 'return', 'extend-request', 'request-check'];

const REPORTER_ROLE: Readonly<Record<CaseSource, CaseRole>> = {
  inspector: 'inspector',
  video: 'system',
  sensor: 'system',
  'hotline-12345': 'acceptor',
  'hotline-12319': 'acceptor',
  'public-app': 'acceptor',
  assigned: 'acceptor',
};

class Refused extends Error {}

/** Builds the history step by step through applyAction; a refusal becomes a reason. */
class Builder {
  readonly events: CaseEvent[] = [];
  private state: CaseState | undefined;

  get stage(): CaseStage | undefined {
    return this.state?.stage;
  }

  get at(): number {
    return this.state?.at ?? 0;
  }

  step(action: CaseAction, role: CaseRole, at: number, extra: ActionExtra = {}, id = IMPORT_ACTOR_ID): void {
    const r = applyAction(this.state, action, { role, id }, at, extra);
    if (!r.ok) throw new Refused(`"${action}" cannot be recorded: ${r.reason}`);
    this.events.push(r.event);
    this.state = r.state;
  }
}

function label(input: HistoryInput, f: HistoryField): string {
  return input.labels?.[f] ?? f;
}

/** Steps a 311-style export leaves undated happen when the case is taken up (the time before) … */
const DATED_BEFORE: ReadonlySet<Milestone> = new Set(['filed', 'dispatched']);

/**
 * The milestone times after the checks: out of order refused; a blank before the last given one refused, or
 * filled: taking it up (立案, 派遣) at the time before, finishing it (处置, 核查) at the time after.
 */
function milestoneTimes(input: HistoryInput, path: readonly Milestone[]): Array<number | undefined> {
  const t = input.times;
  const times = path.map((m) => t[m]);
  let prev: Milestone | undefined;
  for (const [i, m] of path.entries()) {
    const v = times[i];
    if (v === undefined) continue;
    if (prev !== undefined && v < (t[prev] as number)) throw new Refused(`${label(input, m)} is before ${label(input, prev)}.`);
    prev = m;
  }
  const last = times.reduce<number>((k, v, i) => (v === undefined ? k : i), 0);
  const blank = times.findIndex((v, i) => v === undefined && i < last);
  if (blank > 0 && input.missingTimes !== 'fill') throw new Refused(`${label(input, path[blank] as Milestone)} is blank but ${label(input, path[last] as Milestone)} is given.`);
  for (let i = 1; i < last; i++) if (times[i] === undefined && DATED_BEFORE.has(path[i] as Milestone)) times[i] = times[i - 1];
  for (let i = last - 1; i > 0; i--) if (times[i] === undefined) times[i] = times[i + 1];
  return times.slice(0, last + 1);
}

function isSelfFix(input: HistoryInput): boolean {
  const t = input.times;
  return input.source === 'inspector' && t.filed === undefined && t.dispatched === undefined && (t.handled ?? t.checked ?? t.closed) !== undefined;
}

/** Dispatch, and an approved extension when the source's deadline is later than the class's. */
function dispatch(b: Builder, input: HistoryInput, at: number): void {
  const department = input.department?.trim();
  if (!department) throw new Refused(`${label(input, 'department')} is blank but ${label(input, 'dispatched')} is given: a dispatch names its department.`);
  b.step('dispatch', 'dispatcher', at, { department });
  const deadline = input.times.deadline;
  if (deadline === undefined || input.stage === 'extending') return;
  if (deadline < at) throw new Refused(`${label(input, 'deadline')} is before ${label(input, 'dispatched')}.`);
  const own = input.classDeadline?.(at);
  if (own === undefined || deadline <= own + DEADLINE_SLACK_MS) return;
  b.step('extend-request', 'department', at, { until: deadline, note: '导入：处置截止时间晚于本类时限' });
  b.step('extend-approve', 'shift-leader', at);
}

/** The main path from milestone index `from` on, each step at its time. */
function mainPath(b: Builder, input: HistoryInput, times: ReadonlyArray<number | undefined>, from: number): void {
  for (let i = from; i < times.length; i++) {
    const at = times[i] as number;
    switch (MILESTONES[i]) {
      case 'filed':
        b.step('accept', 'acceptor', at);
        b.step('file', 'shift-leader', at);
        break;
      case 'dispatched':
        dispatch(b, input, at);
        break;
      case 'handled':
        b.step('feedback', 'department', at);
        break;
      case 'checked':
        b.step('request-check', 'acceptor', at);
        b.step('check-pass', 'inspector', at);
        break;
      case 'closed':
        b.step('close', 'shift-leader', at);
        break;
      default:
        break;
    }
  }
}

/** One timeless step from the times' stage to the stated one (accept, void, park, return, …), if the table has it. */
function stageOnlyStep(b: Builder, input: HistoryInput, target: CaseStage): boolean {
  const from = b.stage;
  if (!from) return false;
  for (const action of STAGE_ONLY) {
    const spec = ACTIONS[action];
    const role = spec.from[from]?.[0];
    if (!role || spec.to !== target) continue;
    const extra: ActionExtra = { note: `导入：当前阶段 ${target}` };
    if (action === 'extend-request') {
      const until = input.times.deadline;
      if (until === undefined || until <= b.at) throw new Refused(`${label(input, 'stage')} is an extension request, but ${label(input, 'deadline')} is ${until === undefined ? 'blank' : 'not after the dispatch'}.`);
      extra.until = until;
    }
    b.step(action, role, b.at, extra);
    return true;
  }
  return false;
}

function build(input: HistoryInput): CaseEvent[] {
  const b = new Builder();
  const t = input.times;
  const reporter = input.reporter && REPORTER_ROLE[input.source] === 'inspector' ? input.reporter : IMPORT_ACTOR_ID;
  b.step('report', REPORTER_ROLE[input.source], t.reported, {}, reporter);

  if (isSelfFix(input)) {
    const times = milestoneTimes(input, ['reported', t.handled !== undefined ? 'handled' : t.checked !== undefined ? 'checked' : 'closed', 'closed']);
    b.step('self-fix', 'inspector', times[1] as number);
    if (t.closed !== undefined) b.step('close', 'shift-leader', t.closed);
  } else {
    const times = milestoneTimes(input, MILESTONES);
    const target = input.stage;
    if (target && REACH[target] > times.length - 1) {
      if (input.missingTimes !== 'fill') throw new Refused(`${label(input, 'stage')} needs ${label(input, MILESTONES[REACH[target]] as Milestone)}, which is blank.`);
      const last = times.at(-1) as number;
      while (times.length - 1 < REACH[target]) times.push(last);
    }
    mainPath(b, input, times, 1);
  }

  const target = input.stage;
  if (!target || target === b.stage) return b.events;
  if (stageOnlyStep(b, input, target)) return b.events;
  throw new Refused(`${label(input, 'stage')} contradicts the times, which reach "${b.stage}".`);
}

/** The history the stage times describe, or why they describe none. */
export function historyFromTimes(input: HistoryInput): HistoryResult {
  try {
    return { ok: true, events: build(input) };
  } catch (err) {
    if (err instanceof Refused) return { ok: false, reason: err.message };
    throw err;
  }
}
