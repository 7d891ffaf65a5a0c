import { describe, expect, it } from 'vitest';
import { coverageOf, hallDay, VisitLog } from './coverage';

const t = (iso: string) => Date.parse(iso);

describe('coverage', () => {
  it('knows the hall’s day in its own time zone', () => {
    expect(hallDay(t('2026-11-21T17:30:00Z'), 'Asia/Shanghai')).toEqual({ key: '2026-11-22', start: t('2026-11-21T16:00:00Z') });
    expect(hallDay(t('2026-11-21T15:59:59Z'), 'Asia/Shanghai').key).toBe('2026-11-21');
  });

  it('remembers the day without getting its edges wrong, on 23- and 25-hour days too', () => {
    const berlin = (iso: string) => hallDay(t(iso), 'Europe/Berlin');
    // Summer time starts 2026-03-29: that day runs 23:00Z (28th) to 22:00Z.
    expect(berlin('2026-03-29T12:00:00Z')).toEqual({ key: '2026-03-29', start: t('2026-03-28T23:00:00Z') });
    expect(berlin('2026-03-29T21:59:59.999Z').key).toBe('2026-03-29');
    expect(berlin('2026-03-29T22:00:00Z')).toEqual({ key: '2026-03-30', start: t('2026-03-29T22:00:00Z') });
    expect(berlin('2026-03-28T22:59:59Z').key).toBe('2026-03-28');
    // It ends 2026-10-25: that day runs 22:00Z (24th) to 23:00Z.
    expect(berlin('2026-10-25T22:30:00Z')).toEqual({ key: '2026-10-25', start: t('2026-10-24T22:00:00Z') });
    expect(berlin('2026-10-25T23:00:00Z').key).toBe('2026-10-26');
    expect(berlin('2026-10-25T01:00:00Z').key).toBe('2026-10-25');
  });

  it('counts the grids of a responsibility grid its inspectors passed through today, and starts over at midnight', () => {
    const log = new VisitLog('Asia/Shanghai');
    const now = t('2026-11-21T03:00:00Z'); // 11:00 in Beijing
    expect(log.add('p1', 'g1', now, now)).toBe(true);
    expect(log.add('p1', 'g1', now + 1000, now + 1000)).toBe(false);
    log.add('p1', 'g9', now, now); // not theirs
    log.add('p2', 'g2', now, now);
    log.add('p3', 'g3', now, now); // not an inspector of r
    log.add('p2', 'g4', t('2026-11-20T03:00:00Z'), now); // yesterday, from a flushed queue
    const r = { id: 'r', name: '鲁谷 1', grids: ['g1', 'g2', 'g3', 'g4'], inspectors: ['p1', 'p2'] };
    expect(coverageOf(r, log)).toEqual({
      id: 'r',
      name: '鲁谷 1',
      total: 4,
      visited: ['g1', 'g2'],
      share: 0.5,
      inspectors: [
        { unitId: 'p1', visited: 1, share: 0.25 },
        { unitId: 'p2', visited: 1, share: 0.25 },
      ],
    });
    expect(log.unitsPerGrid().get('g1')).toBe(1);
    log.roll(t('2026-11-21T16:00:01Z')); // past midnight in Beijing
    expect(coverageOf(r, log).share).toBe(0);
  });
});
