import { describe, expect, it } from 'vitest';
import type { CaseEvent } from './case';
import { ACTIONS, CASE_ACTIONS, CASE_ROLES, type CaseAction, type CaseRole, type FromStage } from './case-actions';
import { allowedActions, applyAction, CaseHistoryError, caseState, type ActionExtra, type CaseState } from './case-history';
import { CASE_STAGES, STAGES, type CaseStage } from './case-stage';

/** The workflow written out by hand, independently of the table: who may do what in each stage. */
const EXPECTED: Record<FromStage, Partial<Record<CaseRole, CaseAction[]>>> = {
  new: { inspector: ['report'], acceptor: ['report'], system: ['report'] },
  reported: { inspector: ['self-fix'], acceptor: ['request-verify', 'accept', 'void'], 'shift-leader': ['void'] },
  verifying: { inspector: ['verify', 'self-fix'], acceptor: ['void'], 'shift-leader': ['void'] },
  accepted: { acceptor: ['void'], 'shift-leader': ['file', 'void'] },
  filed: { 'shift-leader': ['void', 'park'], dispatcher: ['dispatch'] },
  returned: { 'shift-leader': ['void', 'park'], dispatcher: ['dispatch'] },
  handling: { department: ['return', 'extend-request', 'feedback'], 'shift-leader': ['park'] },
  extending: { department: ['feedback'], 'shift-leader': ['extend-approve', 'extend-refuse', 'park'] },
  'fed-back': { acceptor: ['request-check', 'rework'] },
  checking: { inspector: ['check-pass', 'rework'] },
  checked: { 'shift-leader': ['rework', 'close'] },
  closed: {},
  parked: { 'shift-leader': ['unpark'] },
  void: {},
};

const T0 = Date.parse('2026-03-16T09:00:00+08:00');
const FULL: ActionExtra = { note: 'why', department: 'sanitation', until: T0 + 86_400_000 };

function stateIn(stage: CaseStage): CaseState {
  const s: CaseState = { stage, seq: 3, at: T0 - 60_000, reworks: 0, returns: 0, extensions: 0, verified: false, selfFixed: false };
  if (stage === 'parked') s.resumeStage = 'handling';
  if (stage === 'extending') s.requestedUntil = T0 + 86_400_000;
  return s;
}

/** Applies steps from a new case, each must succeed; returns the events. */
function history(steps: Array<[CaseAction, CaseRole, ActionExtra?]>): CaseEvent[] {
  const events: CaseEvent[] = [];
  let state: CaseState | undefined;
  steps.forEach(([action, role, extra], i) => {
    const r = applyAction(state, action, { role, id: `${role}-1` }, T0 + i * 60_000, extra);
    if (!r.ok) throw new Error(`step ${i + 1} ${action} by ${role}: ${r.status} ${r.reason}`);
    events.push(r.event);
    state = r.state;
  });
  return events;
}

describe('the workflow table', () => {
  it('gives each role exactly the actions written out by hand, in every stage', () => {
    for (const stage of ['new', ...CASE_STAGES] as FromStage[]) {
      for (const role of CASE_ROLES) {
        const got = allowedActions(stage === 'new' ? undefined : stateIn(stage), role);
        expect([...got].sort(), `${role} in ${stage}`).toEqual([...(EXPECTED[stage][role] ?? [])].sort());
      }
    }
  });

  it('answers every action, role and stage: ok, 409 (wrong stage) or 403 (wrong role)', () => {
    const anywhere = (role: CaseRole, action: CaseAction) => Object.values(EXPECTED).some((byRole) => byRole[role]?.includes(action));
    for (const stage of ['new', ...CASE_STAGES] as FromStage[]) {
      for (const role of CASE_ROLES) {
        for (const action of CASE_ACTIONS) {
          const state = stage === 'new' ? undefined : stateIn(stage);
          const r = applyAction(state, action, { role, id: 'x' }, T0, FULL);
          const label = `${action} by ${role} in ${stage}`;
          if (EXPECTED[stage][role]?.includes(action)) {
            expect(r.ok, label).toBe(true);
            continue;
          }
          const stageAllows = Object.values(EXPECTED[stage]).some((list) => list.includes(action));
          expect(r.ok, label).toBe(false);
          if (r.ok) continue;
          expect(r.status, label).toBe(!anywhere(role, action) ? 403 : stageAllows ? 403 : 409);
          expect([...r.allowed].sort(), label).toEqual([...(EXPECTED[stage][role] ?? [])].sort());
        }
      }
    }
  });

  it('reaches every stage from a new case, and only closed and void end it', () => {
    const reached = new Set<string>(['new']);
    for (let grew = true; grew; ) {
      grew = false;
      for (const spec of Object.values(ACTIONS)) {
        for (const from of Object.keys(spec.from)) {
          const to = spec.to === 'resume' ? 'handling' : spec.to;
          if (reached.has(from) && !reached.has(to)) {
            reached.add(to);
            grew = true;
          }
        }
      }
    }
    expect([...reached].sort()).toEqual(['new', ...CASE_STAGES].sort());
    const deadEnds = CASE_STAGES.filter((s) => CASE_ROLES.every((r) => allowedActions(stateIn(s), r).length === 0));
    expect(deadEnds.sort()).toEqual(['closed', 'void']);
    expect(deadEnds.every((s) => STAGES[s].terminal)).toBe(true);
  });
});

describe('applyAction', () => {
  it('runs an inspector report through to closing', () => {
    const events = history([
      ['report', 'inspector'],
      ['accept', 'acceptor'],
      ['file', 'shift-leader'],
      ['dispatch', 'dispatcher', { department: 'sanitation' }],
      ['feedback', 'department', { photos: ['a'.repeat(64)] }],
      ['request-check', 'acceptor'],
      ['check-pass', 'inspector'],
      ['close', 'shift-leader'],
    ]);
    expect(events.map((e) => e.stage)).toEqual(['reported', 'accepted', 'filed', 'handling', 'fed-back', 'checking', 'checked', 'closed']);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(events[3]).toMatchObject({ action: 'dispatch', department: 'sanitation', by: { role: 'dispatcher', id: 'dispatcher-1' } });
    expect(events[4]?.photos).toEqual(['a'.repeat(64)]);
    expect(caseState(events)).toMatchObject({ stage: 'closed', seq: 8, department: 'sanitation', reworks: 0 });
  });

  it('verifies a hotline report, handles a return, a refused extension and a rework', () => {
    const until = T0 + 3 * 86_400_000;
    const events = history([
      ['report', 'acceptor'],
      ['request-verify', 'acceptor'],
      ['verify', 'inspector'],
      ['accept', 'acceptor'],
      ['file', 'shift-leader'],
      ['dispatch', 'dispatcher', { department: 'water' }],
      ['return', 'department', { note: 'not ours: a sewer' }],
      ['dispatch', 'dispatcher', { department: 'drainage' }],
      ['extend-request', 'department', { until, note: 'parts on order' }],
      ['extend-refuse', 'shift-leader'],
      ['feedback', 'department'],
      ['request-check', 'acceptor'],
      ['rework', 'inspector', { note: 'still blocked' }],
      ['feedback', 'department'],
    ]);
    expect(events[8]?.until).toBe(until);
    expect(caseState(events)).toMatchObject({ stage: 'fed-back', department: 'drainage', returns: 1, reworks: 1, extensions: 0, verified: true });
    expect(caseState(events)?.requestedUntil).toBeUndefined();
  });

  it('parks and resumes where the case was; an approval defaults to the deadline asked for', () => {
    const until = T0 + 86_400_000;
    const events = history([
      ['report', 'inspector'],
      ['accept', 'acceptor'],
      ['file', 'shift-leader'],
      ['dispatch', 'dispatcher', { department: 'roads' }],
      ['extend-request', 'department', { until, note: 'winter' }],
      ['park', 'shift-leader', { note: 'needs a road closure' }],
      ['unpark', 'shift-leader'],
      ['extend-approve', 'shift-leader'],
    ]);
    expect(events.slice(4).map((e) => e.stage)).toEqual(['extending', 'parked', 'extending', 'handling']);
    expect(events[7]?.until).toBe(until);
    expect(caseState(events)).toMatchObject({ stage: 'handling', extendedUntil: until, extensions: 1 });
  });

  it('sends a case fixed on the spot straight to the shift leader for closing', () => {
    const events = history([['report', 'inspector'], ['self-fix', 'inspector', { photos: ['b'.repeat(64)] }], ['close', 'shift-leader']]);
    expect(events.map((e) => e.stage)).toEqual(['reported', 'checked', 'closed']);
    expect(caseState(events)?.selfFixed).toBe(true);
  });

  it('refuses with 409, 403 or 400 and what the role may do instead', () => {
    const at = (s: CaseStage) => stateIn(s);
    expect(applyAction(at('handling'), 'close', { role: 'shift-leader', id: 'l' }, T0)).toMatchObject({ ok: false, status: 409, allowed: ['park'] });
    expect(applyAction(at('checked'), 'close', { role: 'inspector', id: 'i' }, T0)).toMatchObject({ ok: false, status: 403, allowed: [] });
    expect(applyAction(at('accepted'), 'file', { role: 'acceptor', id: 'a' }, T0)).toMatchObject({ ok: false, status: 403, allowed: ['void'] });
    expect(applyAction(at('reported'), 'report', { role: 'inspector', id: 'i' }, T0)).toMatchObject({ ok: false, status: 409, allowed: ['self-fix'] });
    expect(applyAction(undefined, 'accept', { role: 'acceptor', id: 'a' }, T0)).toMatchObject({ ok: false, status: 409, allowed: ['report'] });
    expect(applyAction(at('closed'), 'rework', { role: 'shift-leader', id: 'l' }, T0, FULL)).toMatchObject({ ok: false, status: 409, allowed: [] });
    expect(applyAction(at('filed'), 'dispatch', { role: 'dispatcher', id: 'd' }, T0)).toMatchObject({ ok: false, status: 400 });
    expect(applyAction(at('reported'), 'void', { role: 'acceptor', id: 'a' }, T0, { note: '  ' })).toMatchObject({ ok: false, status: 400 });
    expect(applyAction(at('handling'), 'extend-request', { role: 'department', id: 'd' }, T0, { note: 'x', until: T0 - 1 })).toMatchObject({ ok: false, status: 400 });
    expect(applyAction(at('reported'), 'accept', { role: 'acceptor', id: 'a' }, T0 - 3_600_000)).toMatchObject({ ok: false, status: 400 });
    expect(applyAction(at('reported'), 'teleport' as CaseAction, { role: 'acceptor', id: 'a' }, T0)).toMatchObject({ ok: false, status: 400 });
  });

  it('refuses an extension asked for after the handling deadline', () => {
    const r = applyAction(stateIn('handling'), 'extend-request', { role: 'department', id: 'd' }, T0, { note: 'late', until: T0 + 1e8 }, { handleDeadline: T0 - 1 });
    expect(r).toMatchObject({ ok: false, status: 409, allowed: ['return', 'extend-request', 'feedback'] });
    expect(applyAction(stateIn('handling'), 'extend-request', { role: 'department', id: 'd' }, T0, { note: 'early', until: T0 + 1e8 }, { handleDeadline: T0 + 1 }).ok).toBe(true);
  });
});

describe('caseState', () => {
  const events = history([['report', 'inspector'], ['accept', 'acceptor'], ['file', 'shift-leader']]);

  it('folds a history; nothing for an empty one', () => {
    expect(caseState([])).toBeUndefined();
    expect(caseState(events)).toMatchObject({ stage: 'filed', seq: 3, at: T0 + 120_000 });
  });

  it('refuses a history out of order or not starting with a report', () => {
    const [first, second, third] = events as [CaseEvent, CaseEvent, CaseEvent];
    expect(() => caseState([first, third])).toThrow(CaseHistoryError);
    expect(() => caseState([{ ...second, seq: 1 }])).toThrow(/starts with "report"/);
    expect(() => caseState([first, { ...second, at: first.at - 1 }])).toThrow(/earlier/);
  });
});
