import type { CaseEvent, CaseSource } from '../../app/case/case';
import { applyAction, caseState } from '../../app/case/case-history';
import type { CaseStage } from '../../app/case/case-stage';
import type { DeskApi } from './case-desk';
import type { ActOutcome, NewCaseBody } from './cases-client';
import { DESK_RATES, type DeskCase, type DeskContext, type DeskStep } from './desk-plan';

/** A small world for the desk's tests: three classes, two streets, and a hall kept in memory. */

const HOUR = 3_600_000;
export const STREETS = ['110107001000', '110107002000'];
const DEPARTMENT: Readonly<Record<string, string>> = { 'event.0102': 'sanitation', 'event.0504': 'enforcement', 'event.0507': 'street' };

export function testContext(startedAt: number, speed = 10): DeskContext {
  return {
    speed,
    startedAt,
    catchUpMs: 15 * 60_000,
    lingerMs: 6 * HOUR,
    rates: DESK_RATES,
    staff: { acceptors: ['acceptor-01', 'acceptor-02'], leaders: ['shift-leader-01'], dispatchers: ['dispatcher-01'] },
    handleMs: (category) => (category === 'event.0504' ? 2 * HOUR : category in DEPARTMENT ? 7.5 * HOUR : undefined),
    handleAfter: (start, ms) => start + ms,
    department: (category, street) => {
      const d = DEPARTMENT[category];
      return d === 'street' ? `street-${(street ?? '').slice(0, 9)}` : d;
    },
    wrongDepartment: () => 'landscaping',
    pace: (department) => (department === 'enforcement' ? 1.5 : 1),
    inspectors: (street) => (street === STREETS[1] ? ['110107-p002'] : ['110107-p001', '110107-p003']),
    owns: (c) => !c.clientId?.startsWith('manual-'),
  };
}

interface Held {
  c: DeskCase;
  history: CaseEvent[];
}

/** The hall as the desk sees it, in memory: the workflow is app/case's, deadlines are natural time. */
export class MemoryHall implements DeskApi {
  readonly cases = new Map<string, Held>();
  readonly refusals: string[] = [];
  opened = 0;

  constructor(
    private readonly now: () => number,
    private readonly ctx: DeskContext,
  ) {}

  private deadlineOf(stage: CaseStage, category: string, at: number, events: readonly CaseEvent[]): number | undefined {
    if (stage === 'parked' || stage === 'closed' || stage === 'void') return undefined;
    if (stage === 'handling' || stage === 'extending') {
      const granted = [...events].reverse().find((e) => e.action === 'extend-approve')?.until;
      const start = [...events].reverse().find((e) => e.action === 'dispatch' || e.action === 'rework' || e.action === 'unpark')?.at ?? at;
      return granted ?? start + (this.ctx.handleMs(category) ?? 8 * HOUR);
    }
    return at + 20 * 60_000;
  }

  add(id: string, source: CaseSource, category: string, street: string, at: number, reporter = '110107-p001'): void {
    const r = applyAction(undefined, 'report', { role: source === 'inspector' ? 'inspector' : 'system', id: source === 'inspector' ? reporter : source }, at);
    if (!r.ok) throw new Error(r.reason);
    const c: DeskCase = { id, clientId: id, stage: 'reported', source, category, street, updatedAt: at };
    const deadline = this.deadlineOf('reported', category, at, [r.event]);
    if (deadline !== undefined) c.deadline = deadline;
    this.cases.set(id, { c, history: [r.event] });
  }

  async list(stages: readonly CaseStage[]): Promise<{ items: DeskCase[] }> {
    return { items: [...this.cases.values()].filter((h) => stages.includes(h.c.stage)).map((h) => ({ ...h.c })) };
  }

  async get(id: string): Promise<{ case: DeskCase; history: CaseEvent[] } | undefined> {
    const h = this.cases.get(id);
    return h ? { case: { ...h.c }, history: [...h.history] } : undefined;
  }

  async create(body: NewCaseBody): Promise<boolean> {
    this.opened++;
    this.add(body.clientId, body.source, body.category, STREETS[0] as string, body.reportedAt ?? this.now());
    return true;
  }

  async act(id: string, step: DeskStep): Promise<ActOutcome> {
    const h = this.cases.get(id);
    if (!h) return 'failed';
    const at = this.now();
    const guard = h.c.stage === 'handling' && h.c.deadline !== undefined ? { handleDeadline: h.c.deadline } : {};
    const extra = { ...(step.note ? { note: step.note } : {}), ...(step.department ? { department: step.department } : {}), ...(step.until !== undefined ? { until: step.until } : {}) };
    const r = applyAction(caseState(h.history), step.action, { role: step.as.role, id: step.as.id }, at, extra, guard);
    if (!r.ok) {
      this.refusals.push(`${step.action} by ${step.as.role} in ${h.c.stage}: ${r.reason}`);
      return 'refused';
    }
    h.history.push(r.event);
    h.c = { ...h.c, stage: r.state.stage, updatedAt: at };
    if (r.state.department) h.c.department = r.state.department;
    else delete h.c.department;
    const deadline = this.deadlineOf(r.state.stage, h.c.category, at, h.history);
    if (deadline !== undefined) h.c.deadline = deadline;
    else delete h.c.deadline;
    return 'ok';
  }
}
