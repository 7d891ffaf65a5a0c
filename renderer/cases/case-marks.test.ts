import { describe, expect, it } from 'vitest';
import Value from 'typebox/value';
import { CaseMark, CaseStats } from '../../app/case/case-channels';
import { CASE_STAGES } from '../../app/case/case-stage';
import { fixtureMarks, fixtureStats } from './case-fixtures';
import { GROUP_INFO, isOverdue, liveFeed, markRgb, nextRedLight, openPerGrid, OVERDUE_RGB, overdueCount, redLights, shortCaseNo, stageGroup } from './case-marks';

const NOW = Date.parse('2026-05-14T06:00:00Z');
const mark = (id: string, over: Partial<CaseMark> = {}): CaseMark => ({
  id,
  caseNo: `110107-20260514-${id.padStart(4, '0')}`,
  stage: 'handling',
  category: 'event.0102',
  source: 'inspector',
  lon: 116.2,
  lat: 39.9,
  reportedAt: NOW - 3_600_000,
  updatedAt: NOW - 3_600_000,
  summary: '',
  ...over,
});

describe('case marks', () => {
  it('turns a red light on only once the deadline has passed, on the hall clock', () => {
    const m = mark('1', { deadline: NOW });
    expect(isOverdue(m, NOW)).toBe(false);
    expect(isOverdue(m, NOW + 1)).toBe(true);
    expect(isOverdue(mark('2'), NOW + 1e9)).toBe(false); // untimed or parked: never red
    expect(markRgb(m, NOW + 1)).toBe(OVERDUE_RGB);
    expect(markRgb(m, NOW)).toBe(GROUP_INFO.handling.rgb);
  });

  it('lists red lights longest overdue first, ties by case number, nothing that is not overdue', () => {
    const marks = [mark('3', { deadline: NOW - 1000 }), mark('1', { deadline: NOW - 5000 }), mark('2', { deadline: NOW - 5000 }), mark('4', { deadline: NOW + 1000 }), mark('5')];
    expect(redLights(marks, NOW).map((m) => m.id)).toEqual(['1', '2', '3']);
    expect(overdueCount(marks, NOW)).toBe(3);
  });

  it('feeds newest first, in a stable order', () => {
    const marks = [mark('1', { reportedAt: NOW - 10 }), mark('2', { reportedAt: NOW }), mark('3', { reportedAt: NOW })];
    expect(liveFeed(marks).map((m) => m.id)).toEqual(['3', '2', '1']);
  });

  it('knows when the next red light turns on', () => {
    const marks = [mark('1', { deadline: NOW + 5000 }), mark('2', { deadline: NOW + 1000 }), mark('3', { deadline: NOW - 1 })];
    expect(nextRedLight(marks, NOW)).toBe(NOW + 1001);
    expect(nextRedLight([mark('4')], NOW)).toBeUndefined();
  });

  it('groups every open stage, and no closed one', () => {
    for (const s of CASE_STAGES) expect(stageGroup(s) === undefined).toBe(s === 'closed' || s === 'void');
  });

  it('counts open cases per grid', () => {
    const g = '110107011001001';
    expect([...openPerGrid([mark('1', { grid: g }), mark('2', { grid: g }), mark('3')])]).toEqual([[g, 2]]);
  });

  it('quotes case numbers by day and number', () => {
    expect(shortCaseNo('110107-20260514-0012')).toBe('0514-0012');
    expect(shortCaseNo('HX12345')).toBe('HX12345');
  });

  it('makes fixtures the channels accept', () => {
    const anchors = [{ lon: 116.2, lat: 39.9, street: '110107011000', community: '110107011001', grid: '110107011001001' }];
    for (const m of fixtureMarks(50, anchors, NOW)) expect(Value.Errors(CaseMark, m)).toEqual([]);
    expect(Value.Errors(CaseStats, fixtureStats(NOW, '2026-05-14', [{ code: '110107011000', name: '鲁谷街道' }]))).toEqual([]);
  });
});
