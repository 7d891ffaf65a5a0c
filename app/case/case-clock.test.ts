import { describe, expect, it } from 'vitest';
import type { CaseEvent } from './case';
import type { CaseAction, CaseRole } from './case-actions';
import { closedOnTime, handlingRounds, overdue, stageClock, stageDeadline, timeLeft } from './case-clock';
import { applyAction, type ActionExtra, type CaseState } from './case-history';
import type { CatalogueClass } from './catalogue';
import { parseCalendar } from './work-calendar';

const CAL = parseCalendar(['kind,from,to', 'hours,08:30,12:00', 'hours,13:30,17:30', 'weekend,Sat', 'weekend,Sun', 'holiday,2026-02-15,2026-02-23', 'workday,2026-02-14'].join('\n'), 'test.csv');
const TZ = 'Asia/Shanghai';
const bj = (s: string) => Date.parse(`${s.replace(' ', 'T')}:00+08:00`);
const H = 3_600_000;

/** A class handled in one working day (7.5 working hours), filed in 20 and dispatched in 10 working minutes. */
const ONE_DAY: Pick<CatalogueClass, 'limits'> = {
  limits: { file: { amount: 20, unit: 'wmin' }, dispatch: { amount: 10, unit: 'wmin' }, handle: { amount: 1, unit: 'wd' }, check: { amount: 1, unit: 'wh' }, close: { amount: 1, unit: 'wh' } },
};
/** 道路不洁: 5 working hours. */
const FIVE_HOURS: Pick<CatalogueClass, 'limits'> = { limits: { handle: { amount: 5, unit: 'wh' } } };
/** An urgent class: 2 natural hours. */
const URGENT: Pick<CatalogueClass, 'limits'> = { limits: { handle: { amount: 2, unit: 'h' } } };

type Step = [when: string, action: CaseAction, role: CaseRole, extra?: ActionExtra];

/** Builds a history through applyAction (every step must be allowed). */
function history(steps: Step[]): CaseEvent[] {
  const events: CaseEvent[] = [];
  let state: CaseState | undefined;
  for (const [when, action, role, extra] of steps) {
    const r = applyAction(state, action, { role, id: role }, bj(when), extra);
    if (!r.ok) throw new Error(`${when} ${action}: ${r.status} ${r.reason}`);
    events.push(r.event);
    state = r.state;
  }
  return events;
}

/** Reported, accepted, filed and dispatched at `when` (all at once). */
const dispatchedAt = (when: string): Step[] => [
  [when, 'report', 'inspector'],
  [when, 'accept', 'acceptor'],
  [when, 'file', 'shift-leader'],
  [when, 'dispatch', 'dispatcher', { department: 'sanitation' }],
];

describe('the stage clock', () => {
  it('times filing and dispatch in working minutes, restarting at each new stage clock', () => {
    const reported = history([['2026-03-16 09:00', 'report', 'inspector'], ['2026-03-16 09:10', 'accept', 'acceptor']]);
    expect(stageDeadline(reported, ONE_DAY, CAL, TZ)).toBe(bj('2026-03-16 09:20'));
    const filed = history([['2026-03-16 11:55', 'report', 'inspector'], ['2026-03-16 11:56', 'accept', 'acceptor'], ['2026-03-16 11:58', 'file', 'shift-leader']]);
    // 10 working minutes from 11:58: 2 before lunch, 8 after it.
    expect(stageDeadline(filed, ONE_DAY, CAL, TZ)).toBe(bj('2026-03-16 13:38'));
    expect(stageClock(filed, ONE_DAY, CAL, TZ, bj('2026-03-16 13:00'))).toMatchObject({ phase: 'dispatch', startedAt: bj('2026-03-16 11:58'), running: true, remaining: 8 * 60_000 });
  });

  it('gives a case reported Friday 16:00 with 5 working hours until Monday 12:00', () => {
    const events = history(dispatchedAt('2026-03-13 16:00'));
    expect(stageDeadline(events, FIVE_HOURS, CAL, TZ)).toBe(bj('2026-03-16 12:00'));
    expect(overdue(events, FIVE_HOURS, CAL, TZ, bj('2026-03-16 11:59'))).toBe(false);
    expect(overdue(events, FIVE_HOURS, CAL, TZ, bj('2026-03-16 12:01'))).toBe(true);
    expect(timeLeft(events, FIVE_HOURS, CAL, TZ, bj('2026-03-16 13:00'))).toBe(-H);
    expect(timeLeft(events, FIVE_HOURS, CAL, TZ, bj('2026-03-14 12:00'))).toBe(48 * H);
  });

  it('skips the Spring Festival week', () => {
    const events = history(dispatchedAt('2026-02-13 16:00'));
    // 1.5 h on Friday 2-13, 6 h on the make-up Saturday 2-14.
    expect(stageDeadline(events, ONE_DAY, CAL, TZ)).toBe(bj('2026-02-14 16:00'));
    const later = history(dispatchedAt('2026-02-14 17:00'));
    // 0.5 h on Saturday 2-14, then nothing until Tuesday 2-24: 7 h more.
    expect(stageDeadline(later, ONE_DAY, CAL, TZ)).toBe(bj('2026-02-24 17:00'));
  });

  it('stops while parked and resumes after', () => {
    const parked = history([...dispatchedAt('2026-03-16 09:00'), ['2026-03-16 10:00', 'park', 'shift-leader', { note: 'needs a permit' }]]);
    // Without parking it would be due Tuesday 09:00; parked, no deadline runs and 6.5 h are left.
    expect(stageClock(parked, ONE_DAY, CAL, TZ, bj('2026-03-17 10:00'))).toMatchObject({ phase: 'handle', running: false, remaining: 6.5 * H });
    expect(stageDeadline(parked, ONE_DAY, CAL, TZ)).toBeUndefined();
    expect(overdue(parked, ONE_DAY, CAL, TZ, bj('2026-03-20 10:00'))).toBe(false);
    expect(timeLeft(parked, ONE_DAY, CAL, TZ, bj('2026-03-20 10:00'))).toBeUndefined();

    const resumed = history([...dispatchedAt('2026-03-16 09:00'), ['2026-03-16 10:00', 'park', 'shift-leader', { note: 'permit' }], ['2026-03-18 14:00', 'unpark', 'shift-leader']]);
    // 6.5 h from Wednesday 14:00: 3.5 h that afternoon, 3 h on Thursday morning.
    expect(stageDeadline(resumed, ONE_DAY, CAL, TZ)).toBe(bj('2026-03-19 11:30'));
    expect(stageClock(resumed, ONE_DAY, CAL, TZ, bj('2026-03-19 08:30'))).toMatchObject({ running: true, remaining: 3 * H });
  });

  it('parks natural time too, and a case parked when already late stays late', () => {
    const resumed = history([...dispatchedAt('2026-03-16 10:00'), ['2026-03-16 10:30', 'park', 'shift-leader', { note: 'x' }], ['2026-03-16 14:00', 'unpark', 'shift-leader']]);
    expect(stageDeadline(resumed, URGENT, CAL, TZ)).toBe(bj('2026-03-16 15:30'));
    const late = history([...dispatchedAt('2026-03-16 10:00'), ['2026-03-16 13:00', 'park', 'shift-leader', { note: 'x' }]]);
    expect(stageDeadline(late, URGENT, CAL, TZ)).toBe(bj('2026-03-16 12:00'));
    expect(overdue(late, URGENT, CAL, TZ, bj('2026-03-16 14:00'))).toBe(true);
    expect(timeLeft(late, URGENT, CAL, TZ, bj('2026-03-16 14:00'))).toBe(-2 * H);
  });

  it('moves the handling deadline to an approved extension, and on by time parked after it', () => {
    const asked: Step[] = [...dispatchedAt('2026-03-16 09:00'), ['2026-03-16 15:00', 'extend-request', 'department', { until: bj('2026-03-20 17:30'), note: 'parts' }]];
    expect(stageDeadline(history(asked), ONE_DAY, CAL, TZ)).toBe(bj('2026-03-17 09:00'));
    const refused = history([...asked, ['2026-03-16 16:00', 'extend-refuse', 'shift-leader']]);
    expect(stageDeadline(refused, ONE_DAY, CAL, TZ)).toBe(bj('2026-03-17 09:00'));
    const approved = history([...asked, ['2026-03-16 16:00', 'extend-approve', 'shift-leader']]);
    expect(stageDeadline(approved, ONE_DAY, CAL, TZ)).toBe(bj('2026-03-20 17:30'));
    expect(timeLeft(approved, ONE_DAY, CAL, TZ, bj('2026-03-20 17:00'))).toBe(H / 2);
    // The shift leader may grant another deadline than the one asked for; it holds to the minute.
    const granted = history([...asked, ['2026-03-16 16:00', 'extend-approve', 'shift-leader', { until: bj('2026-03-20 18:00') }]]);
    expect(stageDeadline(granted, ONE_DAY, CAL, TZ)).toBe(bj('2026-03-20 18:00'));
    // Parked all of Wednesday's working day: due one working day later, Monday 17:30.
    const parkedAfter = history([
      ...asked,
      ['2026-03-16 16:00', 'extend-approve', 'shift-leader'],
      ['2026-03-18 08:30', 'park', 'shift-leader', { note: 'x' }],
      ['2026-03-19 08:30', 'unpark', 'shift-leader'],
    ]);
    expect(stageDeadline(parkedAfter, ONE_DAY, CAL, TZ)).toBe(bj('2026-03-23 17:30'));
  });

  it('restarts the handling clock on rework, and on re-dispatch after a return', () => {
    const reworked = history([
      ...dispatchedAt('2026-03-16 09:00'),
      ['2026-03-16 15:00', 'feedback', 'department'],
      ['2026-03-16 15:10', 'request-check', 'acceptor'],
      ['2026-03-16 16:00', 'rework', 'inspector', { note: 'still dirty' }],
    ]);
    // 5 h from Monday 16:00: 1.5 h that day, 3.5 h on Tuesday morning.
    expect(stageDeadline(reworked, FIVE_HOURS, CAL, TZ)).toBe(bj('2026-03-17 12:00'));
    expect(stageClock(reworked, FIVE_HOURS, CAL, TZ, bj('2026-03-16 16:00'))).toMatchObject({ phase: 'handle', startedAt: bj('2026-03-16 16:00') });

    const returned = history([...dispatchedAt('2026-03-16 09:00'), ['2026-03-16 10:00', 'return', 'department', { note: 'not ours' }]]);
    expect(stageDeadline(returned, ONE_DAY, CAL, TZ)).toBe(bj('2026-03-16 10:10'));
    const redispatched = history([...dispatchedAt('2026-03-16 09:00'), ['2026-03-16 10:00', 'return', 'department', { note: 'not ours' }], ['2026-03-16 10:05', 'dispatch', 'dispatcher', { department: 'roads' }]]);
    expect(stageDeadline(redispatched, ONE_DAY, CAL, TZ)).toBe(bj('2026-03-17 10:05'));
  });

  it('has no clock once closed or void', () => {
    const voided = history([['2026-03-16 09:00', 'report', 'inspector'], ['2026-03-16 09:05', 'void', 'acceptor', { note: 'duplicate' }]]);
    expect(stageClock(voided, ONE_DAY, CAL, TZ, bj('2026-03-16 10:00'))).toBeUndefined();
    expect(overdue(voided, ONE_DAY, CAL, TZ, bj('2026-03-30 10:00'))).toBe(false);
  });
});

describe('closedOnTime', () => {
  const closeAfter = (feedbacks: Step[]): Step[] => [...feedbacks, ['2026-03-18 09:00', 'request-check', 'acceptor'], ['2026-03-18 09:30', 'check-pass', 'inspector'], ['2026-03-18 10:00', 'close', 'shift-leader']];

  it('is on time when every handling round was reported done by its deadline', () => {
    const events = history(closeAfter([...dispatchedAt('2026-03-13 16:00'), ['2026-03-16 11:30', 'feedback', 'department']]));
    expect(closedOnTime(events, FIVE_HOURS, CAL, TZ)).toBe(true);
    expect(handlingRounds(events, FIVE_HOURS, CAL, TZ)).toEqual([{ start: bj('2026-03-13 16:00'), deadline: bj('2026-03-16 12:00'), end: { at: bj('2026-03-16 11:30'), action: 'feedback' }, onTime: true }]);
  });

  it('is late when done in the lunch break after a noon deadline', () => {
    const events = history(closeAfter([...dispatchedAt('2026-03-13 16:00'), ['2026-03-16 12:30', 'feedback', 'department']]));
    expect(closedOnTime(events, FIVE_HOURS, CAL, TZ)).toBe(false);
  });

  it('judges every round: a late first attempt stays late after rework', () => {
    const lateThenFixed = history(
      closeAfter([
        ...dispatchedAt('2026-03-16 09:00'),
        ['2026-03-16 16:00', 'feedback', 'department'], // due 15:30
        ['2026-03-16 16:10', 'request-check', 'acceptor'],
        ['2026-03-16 16:30', 'rework', 'inspector', { note: 'still dirty' }],
        ['2026-03-17 09:00', 'feedback', 'department'],
      ]),
    );
    expect(handlingRounds(lateThenFixed, FIVE_HOURS, CAL, TZ).map((r) => r.onTime)).toEqual([false, true]);
    expect(closedOnTime(lateThenFixed, FIVE_HOURS, CAL, TZ)).toBe(false);
  });

  it('counts a case fixed on the spot as on time, and says nothing of an open case', () => {
    const selfFixed = history([['2026-03-16 09:00', 'report', 'inspector'], ['2026-03-16 09:05', 'self-fix', 'inspector'], ['2026-03-16 09:30', 'close', 'shift-leader']]);
    expect(closedOnTime(selfFixed, FIVE_HOURS, CAL, TZ)).toBe(true);
    expect(closedOnTime(history(dispatchedAt('2026-03-16 09:00')), FIVE_HOURS, CAL, TZ)).toBeUndefined();
  });
});
