import { describe, expect, it } from 'vitest';
import { defaultVideoWall, type TourState, type VideoWallState } from './video-wall';
import { nextPage, pauseTour, resumeTour, tourAt, tourList, wallCells } from './tour-schedule';

const T0 = 1_700_000_000_000;
const cams = Array.from({ length: 12 }, (_, i) => ({ id: `cam-${String(i + 1).padStart(2, '0')}`, groups: i % 2 ? ['鲁谷'] : ['古城'] }));
const tour = (over: Partial<TourState> = {}): TourState => ({ dwellS: 10, position: 0, startedAt: T0, ...over });
const wall = (over: Partial<VideoWallState> = {}): VideoWallState => ({ ...defaultVideoWall(T0), layout: 4, tour: tour(), ...over });

describe('tour timing', () => {
  it('turns one page per dwell, from the page’s start', () => {
    expect(tourAt(tour(), T0 + 9_999)).toMatchObject({ position: 0, startedAt: T0 });
    expect(tourAt(tour(), T0 + 10_000)).toMatchObject({ position: 1, startedAt: T0 + 10_000 });
    expect(tourAt(tour(), T0 + 35_000)).toMatchObject({ position: 3, startedAt: T0 + 30_000 });
  });

  it('holds while paused, and a pause that runs out gives the page a whole dwell', () => {
    const paused = pauseTour(tour(), 'video-case', T0 + 4_000, 60);
    expect(paused).toMatchObject({ pausedBy: 'video-case', pausedUntil: T0 + 64_000, position: 0 });
    expect(tourAt(paused, T0 + 63_000)).toBe(paused);
    expect(tourAt(paused, T0 + 64_000)).toEqual({ dwellS: 10, position: 0, startedAt: T0 + 64_000 });
    expect(tourAt(paused, T0 + 75_000)).toMatchObject({ position: 1, startedAt: T0 + 74_000 });
  });

  it('never shortens a pause, never ends an operator’s open pause, and resumes with a whole dwell', () => {
    const alarm = pauseTour(tour(), 'alarm', T0, 300);
    expect(pauseTour(alarm, 'video-case', T0 + 1000, 60)).toMatchObject({ pausedBy: 'video-case', pausedUntil: T0 + 300_000 });
    const operator = pauseTour(tour(), 'operator', T0);
    expect(operator.pausedUntil).toBeUndefined();
    expect(pauseTour(operator, 'video-case', T0 + 1000, 60)).toBe(operator);
    expect(tourAt(operator, T0 + 3_600_000)).toBe(operator);
    expect(resumeTour(operator, T0 + 50_000)).toEqual({ dwellS: 10, position: 0, startedAt: T0 + 50_000 });
    expect(nextPage(operator, T0 + 5_000)).toMatchObject({ position: 1, startedAt: T0 + 5_000, pausedBy: 'operator' });
  });
});

describe('which camera each cell shows', () => {
  it('cycles a group page by page, wrapping round on the last page', () => {
    const s = wall({ tour: tour({ group: '鲁谷' }) });
    expect(tourList(s.tour!, cams)).toEqual(['cam-02', 'cam-04', 'cam-06', 'cam-08', 'cam-10', 'cam-12']);
    expect(wallCells(s, cams, T0).cells).toEqual(['cam-02', 'cam-04', 'cam-06', 'cam-08']);
    const second = wallCells(s, cams, T0 + 10_000);
    expect(second.cells).toEqual(['cam-10', 'cam-12', 'cam-02', 'cam-04']);
    expect(second.tour).toMatchObject({ page: 1, pages: 2, nextAt: T0 + 20_000, group: '鲁谷', size: 6 });
    expect(wallCells(s, cams, T0 + 20_000).cells[0]).toBe('cam-02');
  });

  it('pinned cells never rotate, and their cameras leave the tour', () => {
    const s = wall({ cells: [null, 'cam-01'], pinned: [1] });
    for (const t of [T0, T0 + 10_000, T0 + 20_000, T0 + 30_000]) {
      const { cells } = wallCells(s, cams, t);
      expect(cells[1]).toBe('cam-01');
      expect(cells.filter((c) => c === 'cam-01')).toHaveLength(1);
    }
    expect(wallCells(s, cams, T0).tour).toMatchObject({ pages: 4, size: 11 });
  });

  it('shows everything at once when it fits (nothing turns), and leaves the rest empty', () => {
    const s = wall({ layout: 9, tour: tour({ cameras: ['cam-03', 'cam-01', 'nowhere'] }) });
    const out = wallCells(s, cams, T0 + 100_000);
    expect(out.cells).toEqual(['cam-03', 'cam-01', undefined, undefined, undefined, undefined, undefined, undefined, undefined]);
    expect(out.tour).toMatchObject({ pages: 1, page: 0 });
    expect(out.tour?.nextAt).toBeUndefined();
  });

  it('without a tour shows the cells as given', () => {
    const s = wall({ layout: 6, tour: undefined, cells: ['cam-05', null, 'cam-07'] });
    expect(wallCells(s, cams, T0)).toEqual({ cells: ['cam-05', undefined, 'cam-07', undefined, undefined, undefined] });
  });

  it('a paused tour says who paused it and until when, and has no next page', () => {
    const s = wall({ tour: pauseTour(tour(), 'video-case', T0, 120) });
    const out = wallCells(s, cams, T0 + 50_000);
    expect(out.tour).toMatchObject({ pausedBy: 'video-case', pausedUntil: T0 + 120_000, page: 0 });
    expect(out.tour?.nextAt).toBeUndefined();
  });
});
