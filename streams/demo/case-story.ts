import type { CaseActor, CaseEvent, CaseSource } from '../../app/case/case';
import type { CatalogueClass } from '../../app/case/catalogue';
import type { TimeLimit } from '../../app/case/time-limit';
import type { Rng } from '../simulator/walker';
import { between, CaseScript, minutesAround, whenStaffed } from './case-script';
import type { WorkClock } from './work-clock';

const MIN = 60_000;
const DAY = 86_400_000;

/** The centre's desk staff, as ids (the live desk's tokens are named the same). */
export interface Staff {
  acceptors: readonly string[];
  leaders: readonly string[];
  dispatchers: readonly string[];
}

export const DEMO_STAFF: Staff = {
  acceptors: ['acceptor-01', 'acceptor-02', 'acceptor-03'],
  leaders: ['shift-leader-01', 'shift-leader-02'],
  dispatchers: ['dispatcher-01', 'dispatcher-02'],
};

/** How often things go other than straight: fractions of cases (or of handling rounds, for lateness). */
export interface StoryRates {
  /** Handling reported done after the deadline, at pace 1. */
  late: number;
  /** Far past the deadline (the red lights that linger), at pace 1. */
  stuck: number;
  rework: number;
  extension: number;
  park: number;
  /** Parking for engineering-type classes (structures, trees, road works). */
  parkEngineering: number;
  misDispatch: number;
  /** Inspector reports the acceptor does not file (不予立案), and the shift leader voids later (duplicates). */
  voidInspector: number;
  voidVideo: number;
  /** Hotline reports the inspector finds not so on site. */
  voidHotline: number;
  /** Minor problems an inspector fixes on the spot (自行处置), for the classes that allow it. */
  selfFix: number;
  /** A desk step that waits far longer than usual. */
  slowDesk: number;
}

export const DEMO_RATES: StoryRates = {
  late: 0.07,
  stuck: 0.008,
  rework: 0.04,
  extension: 0.015,
  park: 0.002,
  parkEngineering: 0.08,
  misDispatch: 0.015,
  voidInspector: 0.018,
  voidVideo: 0.1,
  voidHotline: 0.15,
  selfFix: 0.1,
  slowDesk: 0.03,
};

const SELF_FIX = new Set(['event.0201', 'event.0507', 'event.0506', 'event.0511', 'event.0504', 'event.0501']);
const ENGINEERING = new Set(['event.0101', 'event.0304', 'event.0401', 'part.0402', 'part.0115', 'part.0203', 'part.0205']);

export interface StoryContext {
  clock: WorkClock;
  staff: Staff;
  rates: StoryRates;
  /** A street's inspectors (never empty). */
  inspectors(street: string): readonly string[];
  department(cls: CatalogueClass, street: string): string;
  /** Another department a dispatcher could plausibly pick by mistake. */
  wrongDepartment(cls: CatalogueClass, street: string, rng: Rng): string;
  /** Lateness multiplier of a department working in a street (1 = usual). */
  pace(department: string, street: string): number;
}

export interface StoryCase {
  source: CaseSource;
  cls: CatalogueClass;
  street: string;
  reportedAt: number;
  /** The reporting inspector (inspector cases). */
  reporter?: string;
}

export interface Story {
  events: CaseEvent[];
  /** The department holding it at the end (after a dispatch, unless returned). */
  department?: string;
}

/** For a city catalogue that leaves verification untimed: the usual hour. */
const VERIFY_FALLBACK: TimeLimit = { amount: 1, unit: 'wh' };

/** One case's life from report to close (or wherever the present stops it), drawn from `rng`. */
export function playStory(c: StoryCase, ctx: StoryContext, rng: Rng, until: number): Story {
  const { clock, staff, rates } = ctx;
  const cls = c.cls;
  const s = new CaseScript(until);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)] as T;
  const acceptor = (): CaseActor => ({ role: 'acceptor', id: pick(staff.acceptors) });
  const leader = (): CaseActor => ({ role: 'shift-leader', id: pick(staff.leaders) });
  const inspectorId = c.reporter ?? pick(ctx.inspectors(c.street));
  const inspector: CaseActor = { role: 'inspector', id: inspectorId };
  // The desk works 07:00–22:00, urgent classes around the clock; inspectors 07:00–20:00.
  const desk = (median = 4): number => {
    const m = minutesAround(rng, cls.urgent ? 1.5 : median) * (rng() < rates.slowDesk ? 8 : 1);
    return cls.urgent ? s.at + m * MIN : whenStaffed(clock, s.at + m * MIN, 420, 1320, rng);
  };
  const field = (median = 25): number => {
    const at = s.at + minutesAround(rng, cls.urgent ? 12 : median, 0.5) * MIN;
    return cls.urgent ? at : whenStaffed(clock, at, 420, 1200, rng);
  };

  // As the hall records live ones: the inspector's handset; video alarms confirmed by the operator's
  // console and hotline tickets keyed in through the hotline system, both at the acceptors' desk.
  const by: CaseActor = c.source === 'inspector' ? inspector : { role: 'acceptor', id: c.source === 'video' ? 'operator:video-ai' : 'hotline:hotline-12345' };
  s.act('report', by, c.reportedAt);

  if (c.source === 'inspector' && SELF_FIX.has(cls.key) && rng() < rates.selfFix) {
    s.act('self-fix', inspector, s.at + between(rng, 3, 15) * MIN, { note: '已现场处置' });
    s.act('close', leader(), desk(6));
    return { events: s.events };
  }
  const voidRate = c.source === 'inspector' ? rates.voidInspector * 0.75 : c.source === 'video' ? rates.voidVideo : 0;
  if (rng() < voidRate) {
    s.act('void', acceptor(), desk(), { note: c.source === 'video' ? '视频误报，现场无此问题' : '不符合立案条件' });
    return { events: s.events };
  }
  if (c.source !== 'inspector' && c.source !== 'video') {
    s.act('request-verify', acceptor(), desk());
    const verifyAt = field(Math.min(40, clock.allowance(cls.limits.verify ?? VERIFY_FALLBACK) / MIN / 2));
    if (rng() < rates.voidHotline) {
      s.act('void', acceptor(), Math.max(verifyAt, desk()), { note: '核实不属实' });
      return { events: s.events };
    }
    s.act('verify', inspector, verifyAt, { note: '经核实情况属实' });
  }
  s.act('accept', acceptor(), desk());
  if (c.source === 'inspector' && rng() < rates.voidInspector * 0.25) {
    s.act('void', leader(), desk(), { note: '重复案件' });
    return { events: s.events };
  }
  s.act('file', leader(), desk());

  const department = ctx.department(cls, c.street);
  const dispatcher: CaseActor = { role: 'dispatcher', id: pick(staff.dispatchers) };
  if (rng() < rates.misDispatch) {
    const wrong = ctx.wrongDepartment(cls, c.street, rng);
    s.act('dispatch', dispatcher, desk(), { department: wrong });
    s.act('return', { role: 'department', id: wrong }, clock.addWorking(s.at, between(rng, 20, 180) * MIN), { note: '非本单位职责' });
  }
  s.act('dispatch', dispatcher, desk(), { department });

  const pace = ctx.pace(department, c.street);
  for (let round = 0; round < 4 && !s.stopped; round++) {
    handle(s, c, ctx, rng, department, pace, round === 0);
    if (s.stopped || s.state?.stage === 'parked') break;
    // 返工: most often found on site by the inspector, sometimes by the acceptor or the shift leader.
    const rework = rng() < (round === 0 ? Math.min(0.15, rates.rework * pace ** 0.7) : 0.01);
    const where = rng();
    if (rework && where < 0.2) {
      s.act('rework', acceptor(), desk(), { note: '反馈照片显示问题未解决' });
      continue;
    }
    s.act('request-check', acceptor(), desk());
    if (rework && where < 0.9) {
      s.act('rework', inspector, field(), { note: '现场核查未处置到位' });
      continue;
    }
    s.act('check-pass', inspector, field());
    if (rework) {
      s.act('rework', leader(), desk(), { note: '结案审核不通过' });
      continue;
    }
    s.act('close', leader(), desk(6));
    break;
  }
  return { events: s.events, ...(s.state?.department ? { department: s.state.department } : {}) };
}

/** A fraction of the allowance: mostly in good time, the late tail past 1, the stuck ones far past it. */
function handlingFraction(rng: Rng, late: boolean, stuck: boolean): number {
  if (stuck) return between(rng, 3, 12);
  if (late) return 1 + 0.02 + rng() ** 1.5 * 1.5;
  return 0.1 + 0.85 * rng() ** 1.2;
}

/** One handling round by the department, from the dispatch or rework that opened it to its feedback. */
function handle(s: CaseScript, c: StoryCase, ctx: StoryContext, rng: Rng, department: string, pace: number, first: boolean): void {
  const { clock, rates } = ctx;
  const cls = c.cls;
  const limit = cls.limits.handle as TimeLimit;
  const allowance = clock.allowance(limit);
  const start = s.at;
  const deadline = clock.addMeasured(start, allowance, limit);
  const dept: CaseActor = { role: 'department', id: department };
  const leader = (): CaseActor => ({ role: 'shift-leader', id: ctx.staff.leaders[Math.floor(rng() * ctx.staff.leaders.length)] as string });
  const deskDelay = () => whenStaffed(clock, s.at + minutesAround(rng, cls.urgent ? 2 : 15) * MIN, cls.urgent ? 0 : 420, cls.urgent ? 1440 : 1320, rng);
  const late = rng() < Math.min(0.45, rates.late * pace);
  const stuck = rng() < rates.stuck * pace;
  const roll = rng();
  const parkRate = ENGINEERING.has(cls.key) ? rates.parkEngineering : rates.park;

  if (first && roll < parkRate) {
    // 挂账: parked part-way with the clock stopped; most come back weeks later with what was left.
    const used = allowance * between(rng, 0.2, 0.6);
    s.act('park', leader(), clock.addMeasured(start, used, limit), { note: '涉及产权单位，需协调，申请挂账' });
    if (rng() < 0.3) return;
    s.act('unpark', leader(), s.at + between(rng, 5, 40) * DAY);
    s.act('feedback', dept, clock.addMeasured(s.at, (allowance - used) * between(rng, 0.2, 0.9), limit));
    return;
  }
  if (first && roll < parkRate + Math.min(0.1, rates.extension * pace)) {
    // 延期: asked for before the deadline with a date; the shift leader mostly grants it.
    const extra = Math.round(limit.unit.startsWith('w') ? clock.addWorking(deadline, Math.ceil(between(rng, 1, 5)) * clock.calendar.dayMs) : deadline + between(rng, 1, 3) * allowance);
    s.act('extend-request', dept, clock.addMeasured(start, allowance * between(rng, 0.4, 0.85), limit), { until: extra, note: '需协调施工队伍，申请延期' }, { handleDeadline: deadline });
    if (rng() < 0.85) {
      s.act('extend-approve', leader(), deskDelay());
      const share = rng() < 0.9 ? between(rng, 0.2, 0.95) : between(rng, 1.05, 1.5);
      s.act('feedback', dept, clock.addMeasured(s.at, Math.max(MIN, clock.measured(s.at, extra, limit) * share), limit));
      return;
    }
    s.act('extend-refuse', leader(), deskDelay(), { note: '理由不充分' });
  }
  s.act('feedback', dept, Math.max(s.at, clock.addMeasured(start, allowance * handlingFraction(rng, late, stuck), limit)));
}
