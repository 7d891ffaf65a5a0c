import { describe, expect, it } from 'vitest';
import type { CaseEvent, CaseSource } from '../../app/case/case';
import { rolesFor } from '../../app/case/case-actions';
import { applyAction, type CaseState } from '../../app/case/case-history';
import type { CaseStage } from '../../app/case/case-stage';
import { OPEN_STAGES, planStep, stepFor, type DeskCase } from './desk-plan';
import { STREETS, testContext } from './desk-test-world';

const T0 = Date.parse('2026-11-18T09:00:00+08:00');
const MIN = 60_000;
const HOUR = 3_600_000;
const SOURCES: CaseSource[] = ['inspector', 'video', 'hotline-12345'];
const CATEGORIES = ['event.0102', 'event.0504', 'event.0507'];

const report = (source: CaseSource): CaseEvent => ({ seq: 1, at: T0 - HOUR, action: 'report', stage: 'reported', by: source === 'inspector' ? { role: 'inspector', id: '110107-p003' } : { role: 'system', id: source } });

function deskCase(i: number, stage: CaseStage, over: Partial<DeskCase> = {}): DeskCase {
  const category = CATEGORIES[i % 3] as string;
  const street = STREETS[i % 2] as string;
  const c: DeskCase = { id: `case-${i}`, stage, source: SOURCES[i % 3] as CaseSource, category, street, updatedAt: T0 + i * 1000, deadline: T0 + i * 1000 + 2 * HOUR, ...over };
  const dept = testContext(T0).department(category, street);
  if (['handling', 'extending', 'fed-back', 'checking', 'checked', 'parked'].includes(stage) && dept && !over.department) c.department = dept;
  return c;
}

describe('what the desk does next', () => {
  it('only ever takes a step the workflow gives that role in that stage, with what the step needs', () => {
    const ctx = testContext(T0);
    for (const stage of OPEN_STAGES) {
      for (let i = 0; i < 400; i++) {
        const c = deskCase(i, stage);
        const step = stepFor(c, [report(c.source)], ctx);
        expect(step, `${stage} ${c.id}`).toBeDefined();
        if (!step) continue;
        expect(rolesFor(step.action, stage), `${step.action} in ${stage}`).toContain(step.as.role);
        const state: CaseState = { stage, seq: 2, at: c.updatedAt, reworks: 0, returns: 0, extensions: 0, verified: false, selfFixed: false, ...(stage === 'parked' ? { resumeStage: 'handling' as const } : {}) };
        const r = applyAction(state, step.action, { role: step.as.role, id: step.as.id }, c.updatedAt + 1, step);
        expect(r.ok ? '' : r.reason, `${step.action} in ${stage}`).toBe('');
      }
    }
  });

  it('plans the same step for the same case at the same step, and another once it moved', () => {
    const ctx = testContext(T0);
    const c = deskCase(5, 'handling');
    expect(planStep(c, ctx)).toEqual(planStep({ ...c }, ctx));
    expect(stepFor(c, [], ctx)).toEqual(stepFor({ ...c }, [], ctx));
    const plans = new Set(Array.from({ length: 20 }, (_, k) => planStep({ ...c, updatedAt: c.updatedAt + k }, ctx)?.due));
    expect(plans.size).toBeGreaterThan(10);
  });

  it('compresses live steps by its speed: an acceptance takes seconds, not minutes', () => {
    const ctx = testContext(T0, 10);
    const waits = Array.from({ length: 500 }, (_, i) => {
      const c = deskCase(i, 'accepted', { updatedAt: T0 + i });
      return ((planStep(c, ctx)?.due ?? 0) - c.updatedAt) / 1000;
    }).sort((a, b) => a - b);
    const median = waits[250] as number;
    expect(median).toBeGreaterThan(10);
    expect(median).toBeLessThan(30);
  });

  it('finishes most handling before the deadline and lets the late ones go red for a while', () => {
    const ctx = testContext(T0);
    const plans = Array.from({ length: 2000 }, (_, i) => {
      const c = deskCase(i, 'handling', { updatedAt: T0 + i, deadline: T0 + i + 2 * HOUR });
      return { c, plan: planStep(c, ctx) };
    });
    const late = plans.filter(({ c, plan }) => plan && c.deadline !== undefined && plan.due > c.deadline);
    expect(late.every(({ plan }) => plan?.kind === 'feedback-late')).toBe(true);
    expect(late.length / plans.length).toBeGreaterThan(0.04);
    expect(late.length / plans.length).toBeLessThan(0.2);
    expect(plans.filter(({ plan }) => plan?.kind === 'extend-request').length).toBeGreaterThan(5);
    expect(plans.filter(({ plan }) => plan?.kind === 'feedback').every(({ c, plan }) => (plan?.due ?? Infinity) < (c.deadline ?? 0))).toBe(true);
  });

  it('works off cases that were overdue before it started over hours, so red lights linger', () => {
    const ctx = testContext(T0);
    const dues = Array.from({ length: 300 }, (_, i) => planStep(deskCase(i, 'handling', { updatedAt: T0 - 2 * 86_400_000 - i, deadline: T0 - 86_400_000 }), ctx)?.due ?? 0);
    expect(Math.min(...dues)).toBeGreaterThanOrEqual(T0);
    expect(Math.max(...dues)).toBeLessThanOrEqual(T0 + ctx.lingerMs);
    expect(Math.max(...dues) - Math.min(...dues)).toBeGreaterThan(ctx.lingerMs / 2);
  });

  it('goes on with handling under way before it started at the departments\' working pace', () => {
    const ctx = { ...testContext(T0), handleAfter: (start: number, ms: number) => start + ms + 2 * 86_400_000 };
    const plans = Array.from({ length: 300 }, (_, i) => planStep(deskCase(i, 'handling', { updatedAt: T0 - HOUR - i, deadline: T0 + 4 * 86_400_000 }), ctx));
    const onTime = plans.filter((p) => p?.kind === 'feedback');
    expect(onTime.length).toBeGreaterThan(200);
    expect(onTime.every((p) => (p?.due ?? 0) > T0 + 86_400_000)).toBe(true);
  });

  it('keeps the ledger it found for days', () => {
    const ctx = testContext(T0);
    const dues = Array.from({ length: 200 }, (_, i) => planStep(deskCase(i, 'parked', { updatedAt: T0 - 60 * 86_400_000 - i }), ctx)?.due ?? 0);
    expect(Math.min(...dues)).toBeGreaterThanOrEqual(T0);
    expect(dues.filter((d) => d > T0 + 86_400_000).length).toBeGreaterThan(100);
  });

  it('dispatches to the class department; a wrongly dispatched department returns the case', () => {
    const ctx = testContext(T0);
    const filed = stepFor(deskCase(0, 'returned'), [], ctx);
    expect(filed).toMatchObject({ action: 'dispatch', department: 'sanitation', as: { role: 'dispatcher' } });
    const wrong = deskCase(0, 'handling', { department: 'landscaping' });
    expect(stepFor(wrong, [], ctx)).toMatchObject({ action: 'return', as: { role: 'department', id: 'landscaping' } });
  });

  it("verifies hotline reports first, and checks with the reporting inspector when the desk can act as them", () => {
    const ctx = testContext(T0);
    const hotline = deskCase(2, 'reported');
    expect(hotline.source).toBe('hotline-12345');
    const first = stepFor(hotline, [report('hotline-12345')], ctx);
    expect(['request-verify', 'void']).toContain(first?.action);
    const verified: CaseEvent = { seq: 2, at: T0, action: 'verify', stage: 'reported', by: { role: 'inspector', id: '110107-p001' } };
    expect(stepFor(hotline, [report('hotline-12345'), verified], ctx)?.action).not.toBe('request-verify');
    const checks = Array.from({ length: 50 }, (_, i) => stepFor(deskCase(3 * i, 'checking', { street: STREETS[0] as string }), [report('inspector')], ctx));
    expect(checks.every((s) => s?.as.id === '110107-p003')).toBe(true);
  });

  it('voids, fixes on the spot and reworks at about the usual rates, and never reworks twice', () => {
    const ctx = testContext(T0);
    const n = 20_000;
    const steps = Array.from({ length: n }, (_, i) => stepFor(deskCase(3 * i, 'reported'), [report('inspector')], ctx));
    const share = (a: string) => steps.filter((s) => s?.action === a).length / n;
    expect(share('void')).toBeGreaterThan(0.01);
    expect(share('void')).toBeLessThan(0.03);
    expect(share('self-fix')).toBeGreaterThan(0.03);
    expect(share('self-fix')).toBeLessThan(0.07);
    const reworked: CaseEvent = { seq: 9, at: T0, action: 'rework', stage: 'handling', by: { role: 'inspector', id: '110107-p003' }, note: 'x' };
    const again = Array.from({ length: 2000 }, (_, i) => stepFor(deskCase(3 * i, 'checking'), [report('inspector'), reworked], ctx));
    expect(again.every((s) => s?.action === 'check-pass')).toBe(true);
    const first = Array.from({ length: 2000 }, (_, i) => stepFor(deskCase(3 * i + 1, 'checking'), [report('video')], ctx));
    expect(first.some((s) => s?.action === 'rework')).toBe(true);
  });
});

describe('timing', () => {
  it('takes desk steps within minutes even at real pace', () => {
    const ctx = testContext(T0 + HOUR, 1);
    const c = deskCase(1, 'filed', { updatedAt: T0 + HOUR + MIN });
    const due = planStep(c, ctx)?.due ?? 0;
    expect(due - c.updatedAt).toBeLessThan(40 * MIN);
  });
});
