import { describe, expect, it } from 'vitest';
import type { CaseEvent } from './case';
import { caseState } from './case-history';
import { historyFromTimes, type HistoryInput } from './history-from-times';

const T = Date.parse('2026-03-16T09:00:00+08:00');
const MIN = 60_000;
const H = 60 * MIN;

function events(input: HistoryInput): CaseEvent[] {
  const r = historyFromTimes(input);
  if (!r.ok) throw new Error(r.reason);
  // Whatever is synthesised must be a history the case model accepts as it is.
  expect(caseState(r.events)?.stage).toBe(r.events.at(-1)?.stage);
  return r.events;
}

const steps = (ev: readonly CaseEvent[]) => ev.map((e) => `${e.action}:${e.by.role}`);

const CLOSED: HistoryInput['times'] = { reported: T, filed: T + 10 * MIN, dispatched: T + 20 * MIN, handled: T + 2 * H, checked: T + 3 * H, closed: T + 4 * H };
const LABELS: HistoryInput['labels'] = { reported: '上报时间', filed: '立案时间', dispatched: '派遣时间', handled: '处置完成时间', checked: '核查时间', closed: '结案时间', deadline: '处置截止时间', stage: '当前阶段', department: '处置部门' };

describe('historyFromTimes', () => {
  it('takes a closed case through every step, each by a role the workflow table allows, at its own time', () => {
    const ev = events({ times: CLOSED, source: 'inspector', department: '区环卫中心', stage: 'closed', reporter: 'I-7' });
    expect(steps(ev)).toEqual([
      'report:inspector',
      'accept:acceptor',
      'file:shift-leader',
      'dispatch:dispatcher',
      'feedback:department',
      'request-check:acceptor',
      'check-pass:inspector',
      'close:shift-leader',
    ]);
    expect(ev.map((e) => e.at)).toEqual([T, T + 10 * MIN, T + 10 * MIN, T + 20 * MIN, T + 2 * H, T + 3 * H, T + 3 * H, T + 4 * H]);
    expect(ev[0]?.by.id).toBe('I-7');
    expect(ev[3]?.department).toBe('区环卫中心');
  });

  it('stops where the times stop: blank means not reached', () => {
    const ev = events({ times: { reported: T, filed: T + MIN, dispatched: T + 2 * MIN }, source: 'hotline-12345', department: 'sanitation', stage: 'handling' });
    expect(steps(ev)).toEqual(['report:acceptor', 'accept:acceptor', 'file:shift-leader', 'dispatch:dispatcher']);
    expect(steps(events({ times: { reported: T }, source: 'video' }))).toEqual(['report:system']);
  });

  it('records a later 处置截止时间 as an extension granted at dispatch; an equal or earlier one is the class limit', () => {
    const at = T + 20 * MIN;
    const classDeadline = (d: number) => d + 6 * H;
    const later = events({ times: { ...CLOSED, deadline: at + 48 * H }, source: 'inspector', department: 'd', classDeadline });
    const ext = later.filter((e) => e.action.startsWith('extend-'));
    expect(steps(ext)).toEqual(['extend-request:department', 'extend-approve:shift-leader']);
    expect(ext.map((e) => [e.at, e.until])).toEqual([
      [at, at + 48 * H],
      [at, at + 48 * H],
    ]);
    for (const deadline of [at + 6 * H, at + H]) {
      expect(events({ times: { ...CLOSED, deadline }, source: 'inspector', department: 'd', classDeadline }).some((e) => e.action.startsWith('extend'))).toBe(false);
    }
  });

  it('reads an inspector case handled without filing or dispatch as fixed on the spot (自行处置)', () => {
    const ev = events({ times: { reported: T, handled: T + 5 * MIN, closed: T + H }, source: 'inspector', stage: 'closed' });
    expect(steps(ev)).toEqual(['report:inspector', 'self-fix:inspector', 'close:shift-leader']);
  });

  it('adds the one timeless step a current stage implies: 受理, 作废, 挂账, 回退, 核查中, 延期申请', () => {
    const base = { source: 'hotline-12345', department: 'd' } as const;
    const cases: Array<[HistoryInput['times'], NonNullable<HistoryInput['stage']>, string]> = [
      [{ reported: T }, 'accepted', 'accept:acceptor'],
      [{ reported: T }, 'verifying', 'request-verify:acceptor'],
      [{ reported: T }, 'void', 'void:acceptor'],
      [{ reported: T, filed: T + MIN }, 'void', 'void:shift-leader'],
      [{ reported: T, filed: T + MIN }, 'parked', 'park:shift-leader'],
      [{ reported: T, filed: T + MIN, dispatched: T + 2 * MIN }, 'parked', 'park:shift-leader'],
      [{ reported: T, filed: T + MIN, dispatched: T + 2 * MIN }, 'returned', 'return:department'],
      [{ reported: T, filed: T + MIN, dispatched: T + 2 * MIN, deadline: T + 9 * H }, 'extending', 'extend-request:department'],
      [{ reported: T, filed: T + MIN, dispatched: T + 2 * MIN, handled: T + H }, 'checking', 'request-check:acceptor'],
    ];
    for (const [times, stage, last] of cases) {
      const ev = events({ ...base, times, stage });
      expect(steps(ev).at(-1), stage).toBe(last);
      expect(ev.at(-1)?.stage).toBe(stage);
    }
  });

  it('refuses times that go backwards, naming both columns', () => {
    const r = historyFromTimes({ times: { ...CLOSED, dispatched: T + 5 * MIN }, source: 'inspector', department: 'd', labels: LABELS });
    expect(r).toEqual({ ok: false, reason: '派遣时间 is before 立案时间.' });
    const d = historyFromTimes({ times: { ...CLOSED, deadline: T }, source: 'inspector', department: 'd', labels: LABELS });
    expect(d).toEqual({ ok: false, reason: '处置截止时间 is before 派遣时间.' });
  });

  it('refuses a current stage the times contradict, either way', () => {
    const behind = historyFromTimes({ times: CLOSED, source: 'inspector', department: 'd', stage: 'handling', labels: { ...LABELS, stage: '当前阶段 "处置中"' } });
    expect(behind).toEqual({ ok: false, reason: '当前阶段 "处置中" contradicts the times, which reach "closed".' });
    const ahead = historyFromTimes({ times: { reported: T, filed: T + MIN }, source: 'inspector', stage: 'closed', labels: LABELS });
    expect(ahead).toEqual({ ok: false, reason: '当前阶段 needs 结案时间, which is blank.' });
  });

  it('refuses a blank time before a given one unless told to fill it', () => {
    const times = { reported: T, filed: T + MIN, dispatched: T + 2 * MIN, closed: T + H };
    expect(historyFromTimes({ times, source: 'inspector', department: 'd', labels: LABELS })).toEqual({ ok: false, reason: '处置完成时间 is blank but 结案时间 is given.' });
    expect(historyFromTimes({ times: { reported: T, dispatched: T + MIN }, source: 'assigned', department: 'd', labels: LABELS })).toEqual({
      ok: false,
      reason: '立案时间 is blank but 派遣时间 is given.',
    });
  });

  it('refuses a dispatch without a department', () => {
    expect(historyFromTimes({ times: CLOSED, source: 'inspector', labels: LABELS })).toEqual({ ok: false, reason: '处置部门 is blank but 派遣时间 is given: a dispatch names its department.' });
  });

  it('fills a 311 export: taken up when opened, finished when closed', () => {
    const opened = T;
    const closed = T + 30 * H;
    const ev = events({ times: { reported: opened, closed, deadline: T + 72 * H }, source: 'hotline-12345', department: 'DOT', stage: 'closed', missingTimes: 'fill', classDeadline: (d) => d + 8 * H });
    const at = Object.fromEntries(ev.map((e) => [e.action, e.at]));
    expect(at).toMatchObject({ accept: opened, file: opened, dispatch: opened, 'extend-approve': opened, feedback: closed, 'check-pass': closed, close: closed });
    const open = events({ times: { reported: opened }, source: 'public-app', department: 'DOT', stage: 'handling', missingTimes: 'fill' });
    expect(steps(open)).toEqual(['report:acceptor', 'accept:acceptor', 'file:shift-leader', 'dispatch:dispatcher']);
    expect(open.every((e) => e.at === opened)).toBe(true);
  });
});
