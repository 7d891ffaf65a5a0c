import type { CaseEvent, CaseSource } from '../../app/case/case';
import type { CaseAction } from '../../app/case/case-actions';
import type { CaseStage } from '../../app/case/case-stage';
import { seededRng, type Rng } from './walker';

/**
 * What the centre's people do next with an open case, and when: the pure half of the case desk. Every
 * draw comes from the case's id and the time of its last step, so the same case at the same step always
 * gets the same plan, across ticks and restarts, and the desk keeps no state of its own.
 */

/** The stages someone still has to act in. */
export const OPEN_STAGES: readonly CaseStage[] = ['reported', 'verifying', 'accepted', 'filed', 'returned', 'handling', 'extending', 'fed-back', 'checking', 'checked', 'parked'];

export type DeskRole = 'acceptor' | 'shift-leader' | 'dispatcher' | 'department' | 'inspector';

/** Who acts: a desk person, a department (its id) or an inspector (a patrol unit id). */
export interface DeskActor {
  role: DeskRole;
  id: string;
}

/** A case as listed: what the plan needs. */
export interface DeskCase {
  id: string;
  /** The id its source gave it: tells the desk's own cases from those real people opened. */
  clientId?: string;
  stage: CaseStage;
  source: CaseSource;
  category: string;
  street?: string;
  department?: string;
  /** The current stage's deadline (ms epoch). */
  deadline?: number;
  /** The last step. */
  updatedAt: number;
}

export interface DeskStep {
  action: CaseAction;
  as: DeskActor;
  note?: string;
  department?: string;
  until?: number;
}

export interface DeskRates {
  /** Handling finished after the deadline (a red light for a while), at pace 1. */
  late: number;
  rework: number;
  extension: number;
  park: number;
  misDispatch: number;
  /** Inspector reports not filed, video alarms that were false, hotline reports not so on site. */
  voidInspector: number;
  voidVideo: number;
  voidHotline: number;
  selfFix: number;
}

export const DESK_RATES: DeskRates = {
  late: 0.08,
  rework: 0.04,
  extension: 0.015,
  park: 0.003,
  misDispatch: 0.015,
  voidInspector: 0.02,
  voidVideo: 0.1,
  voidHotline: 0.15,
  selfFix: 0.05,
};

export interface DeskStaff {
  acceptors: readonly string[];
  leaders: readonly string[];
  dispatchers: readonly string[];
}

export interface DeskContext {
  /** How much faster than real life the desk's own steps go (10: a 3-minute acceptance takes 18 s). */
  speed: number;
  /** When the desk started: steps begun before it run at real pace, spread over `catchUpMs` when overdue. */
  startedAt: number;
  catchUpMs: number;
  /** Cases already overdue when the desk started are finished over this long, so red lights linger. */
  lingerMs: number;
  rates: DeskRates;
  staff: DeskStaff;
  /** The class's handling allowance in its own measure (working ms for working-time limits); undefined: unknown class. */
  handleMs(category: string): number | undefined;
  /** `ms` of the class's handling measure after `start`: departments work working hours on working-time classes. */
  handleAfter(start: number, ms: number, category: string): number;
  /** The department a class goes to in a street. */
  department(category: string, street: string | undefined): string | undefined;
  wrongDepartment(category: string, street: string | undefined, rng: Rng): string | undefined;
  /** Lateness multiplier of a department in a street. */
  pace(department: string, street: string | undefined): number;
  /** Inspectors the desk can act as, on a street first. */
  inspectors(street: string | undefined): readonly string[];
  /** The cases it works: its city's (history, simulated reports, its own intake), never one a person opened at a console. */
  owns(c: DeskCase): boolean;
}

const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** The draws of one step of one case. */
export function stepRng(c: Pick<DeskCase, 'id' | 'updatedAt'>): Rng {
  return seededRng(hash(`${c.id}:${c.updatedAt}`));
}

function around(rng: Rng, median: number): number {
  const u = Math.max(rng(), 1e-12);
  return median * Math.exp(0.6 * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng()));
}

export type PlanKind =
  | 'accept'
  | 'request-verify'
  | 'self-fix'
  | 'void'
  | 'verify'
  | 'void-unverified'
  | 'file'
  | 'void-duplicate'
  | 'dispatch'
  | 'misdispatch'
  | 'return'
  | 'feedback'
  | 'feedback-late'
  | 'extend-request'
  | 'park'
  | 'extend-approve'
  | 'extend-refuse'
  | 'request-check'
  | 'rework-feedback'
  | 'check'
  | 'close'
  | 'rework-close'
  | 'unpark';

export interface Plan {
  kind: PlanKind;
  /** When to take it (ms epoch). */
  due: number;
}

/**
 * The next step of a case and when it is due, from the listed case alone. A step begun after the desk
 * started is compressed by `speed`; handling that is late waits for the real deadline, so red lights show.
 */
export function planStep(c: DeskCase, ctx: DeskContext): Plan | undefined {
  if (!ctx.owns(c)) return undefined;
  const rng = stepRng(c);
  const r = ctx.rates;
  const live = c.updatedAt >= ctx.startedAt;
  const catchUp = rng() * ctx.catchUpMs;
  /** `real` ms after the last step, compressed for live steps; overdue old ones spread over the catch-up. */
  const after = (real: number): number => {
    const due = c.updatedAt + (live ? real / ctx.speed : real);
    return live ? due : Math.max(due, ctx.startedAt + catchUp);
  };
  const desk = (median = 3) => after(around(rng, median) * MIN);
  const field = () => after(around(rng, 25) * MIN);
  const roll = rng();
  switch (c.stage) {
    case 'reported': {
      const voidRate = c.source === 'inspector' ? r.voidInspector : c.source === 'video' ? r.voidVideo : 0;
      if (c.source === 'inspector' && roll < r.selfFix) return { kind: 'self-fix', due: after(around(rng, 8) * MIN) };
      if (roll > 1 - voidRate) return { kind: 'void', due: desk() };
      return { kind: c.source === 'inspector' || c.source === 'video' ? 'accept' : 'request-verify', due: desk() };
    }
    case 'verifying':
      return { kind: roll < r.voidHotline ? 'void-unverified' : 'verify', due: field() };
    case 'accepted':
      return { kind: roll < 0.005 ? 'void-duplicate' : 'file', due: desk() };
    case 'filed':
      return { kind: roll < r.misDispatch ? 'misdispatch' : 'dispatch', due: desk() };
    case 'returned':
      return { kind: 'dispatch', due: desk() };
    case 'handling':
      return planHandling(c, ctx, rng, roll, after);
    case 'extending':
      return { kind: roll < 0.85 ? 'extend-approve' : 'extend-refuse', due: desk(10) };
    case 'fed-back':
      return { kind: roll < r.rework * 0.2 ? 'rework-feedback' : 'request-check', due: desk() };
    case 'checking':
      return { kind: 'check', due: field() };
    case 'checked':
      return { kind: roll < 0.005 ? 'rework-close' : 'close', due: desk(5) };
    case 'parked': {
      // 挂账 lasts weeks: the ledger the desk found stays on the wall for days, not minutes.
      const real = c.updatedAt + (5 + rng() * 35) * DAY;
      return { kind: 'unpark', due: live ? after(real - c.updatedAt) : Math.max(real, ctx.startedAt + rng() * 4 * DAY) };
    }
    default:
      return undefined;
  }
}

function planHandling(c: DeskCase, ctx: DeskContext, rng: Rng, roll: number, after: (real: number) => number): Plan | undefined {
  const r = ctx.rates;
  const expected = ctx.department(c.category, c.street);
  if (c.department && expected && c.department !== expected) return { kind: 'return', due: after(around(rng, 40) * MIN) };
  const allowance = ctx.handleMs(c.category) ?? 8 * HOUR;
  const pace = c.department ? ctx.pace(c.department, c.street) : 1;
  const share = 0.1 + 0.8 * rng() ** 1.2;
  const lateness = (0.05 + 0.45 * rng()) * Math.min(allowance, 4 * HOUR);
  const deadline = c.deadline;
  if (roll < r.park) return { kind: 'park', due: after(share * allowance * 0.5) };
  const requestAt = after(share * allowance * 0.5);
  if (roll < r.park + Math.min(0.1, r.extension * pace) && deadline !== undefined && requestAt < deadline - MIN) return { kind: 'extend-request', due: requestAt };
  const live = c.updatedAt >= ctx.startedAt;
  const lingering = !live && deadline !== undefined && deadline < ctx.startedAt;
  if (deadline !== undefined && (lingering || roll > 1 - Math.min(0.45, r.late * pace))) {
    const late = deadline + lateness;
    return { kind: 'feedback-late', due: live ? Math.max(late, after(0)) : Math.max(late, ctx.startedAt + rng() * ctx.lingerMs) };
  }
  // Live handling is compressed like everything else; what was under way before the desk started goes on
  // at the departments' real pace (a Friday's cases are done on Monday), so the backlog stays realistic.
  const due = live ? after(share * allowance) : Math.max(ctx.handleAfter(c.updatedAt, share * allowance, c.category), after(0));
  // On time means before the deadline, however compressed the rest is.
  return { kind: 'feedback', due: deadline !== undefined ? Math.min(due, Math.max(c.updatedAt, deadline - MIN)) : due };
}

/** The inspector of a case: who reported it, if the desk can act as them; else one on its street. */
function inspectorOf(c: DeskCase, history: readonly CaseEvent[], ctx: DeskContext, rng: Rng): DeskActor | undefined {
  const own = ctx.inspectors(c.street);
  const reporter = history.find((e) => e.action === 'report' && e.by.role === 'inspector')?.by.id;
  const id = reporter && own.includes(reporter) ? reporter : own[Math.floor(rng() * own.length)];
  return id ? { role: 'inspector', id } : undefined;
}

/** The step to take now that a plan is due, with who takes it; undefined when nobody the desk has can. */
export function stepFor(c: DeskCase, history: readonly CaseEvent[], ctx: DeskContext): DeskStep | undefined {
  const plan = planStep(c, ctx);
  if (!plan) return undefined;
  const rng = stepRng({ id: c.id, updatedAt: c.updatedAt + 1 });
  const pick = (xs: readonly string[]) => xs[Math.floor(rng() * xs.length)];
  const person = (role: 'acceptor' | 'shift-leader' | 'dispatcher'): DeskActor | undefined => {
    const id = pick(role === 'acceptor' ? ctx.staff.acceptors : role === 'shift-leader' ? ctx.staff.leaders : ctx.staff.dispatchers);
    return id ? { role, id } : undefined;
  };
  const dept = (id: string | undefined): DeskActor | undefined => (id ? { role: 'department', id } : undefined);
  const step = (action: CaseAction, as: DeskActor | undefined, extra: Omit<DeskStep, 'action' | 'as'> = {}): DeskStep | undefined => (as ? { action, as, ...extra } : undefined);
  const reworked = history.some((e) => e.action === 'rework');
  const verified = history.some((e) => e.action === 'verify');
  switch (plan.kind) {
    case 'accept':
    case 'request-verify':
      return verified || plan.kind === 'accept' ? step('accept', person('acceptor')) : step('request-verify', person('acceptor'));
    case 'self-fix':
      return step('self-fix', inspectorOf(c, history, ctx, rng), { note: '已现场处置' });
    case 'void':
      return step('void', person('acceptor'), { note: c.source === 'video' ? '视频误报，现场无此问题' : '不符合立案条件' });
    case 'verify':
      return step('verify', inspectorOf(c, history, ctx, rng), { note: '经核实情况属实' });
    case 'void-unverified':
      return step('void', person('acceptor'), { note: '核实不属实' });
    case 'file':
      return step('file', person('shift-leader'));
    case 'void-duplicate':
      return step('void', person('shift-leader'), { note: '重复案件' });
    case 'dispatch': {
      const to = ctx.department(c.category, c.street);
      return to ? step('dispatch', person('dispatcher'), { department: to }) : undefined;
    }
    case 'misdispatch': {
      const to = ctx.wrongDepartment(c.category, c.street, rng) ?? ctx.department(c.category, c.street);
      return to ? step('dispatch', person('dispatcher'), { department: to }) : undefined;
    }
    case 'return':
      return step('return', dept(c.department), { note: '非本单位职责' });
    case 'feedback':
    case 'feedback-late':
      return step('feedback', dept(c.department));
    case 'extend-request': {
      const allowance = ctx.handleMs(c.category) ?? 8 * HOUR;
      const until = (c.deadline ?? c.updatedAt) + Math.round(allowance * (1 + rng()));
      return step('extend-request', dept(c.department), { until, note: '需协调施工队伍，申请延期' });
    }
    case 'park':
      return step('park', person('shift-leader'), { note: '涉及产权单位，需协调，申请挂账' });
    case 'extend-approve':
      return step('extend-approve', person('shift-leader'));
    case 'extend-refuse':
      return step('extend-refuse', person('shift-leader'), { note: '理由不充分' });
    case 'request-check':
      return step('request-check', person('acceptor'));
    case 'rework-feedback':
      return reworked ? step('request-check', person('acceptor')) : step('rework', person('acceptor'), { note: '反馈照片显示问题未解决' });
    case 'check': {
      const pace = c.department ? ctx.pace(c.department, c.street) : 1;
      const rework = !reworked && rng() < Math.min(0.15, ctx.rates.rework * pace ** 0.7);
      return rework ? step('rework', inspectorOf(c, history, ctx, rng), { note: '现场核查未处置到位' }) : step('check-pass', inspectorOf(c, history, ctx, rng));
    }
    case 'close':
      return step('close', person('shift-leader'));
    case 'rework-close':
      return reworked ? step('close', person('shift-leader')) : step('rework', person('shift-leader'), { note: '结案审核不通过' });
    case 'unpark':
      return step('unpark', person('shift-leader'));
  }
}
