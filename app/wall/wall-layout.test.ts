import { describe, expect, it } from 'vitest';
import Value from 'typebox/value';
import { STANDARD_LAYOUTS } from './standard-layouts';
import { chooseLayout, layoutProblems, WallLayout } from './wall-layout';

const panels = new Set(STANDARD_LAYOUTS.flatMap((l) => l.regions.map((r) => r.panel)));

describe('wall layouts', () => {
  it('ships valid layouts without overlaps', () => {
    for (const l of STANDARD_LAYOUTS) {
      expect(Value.Check(WallLayout, l), l.name).toBe(true);
      expect(layoutProblems(l, panels), l.name).toEqual([]);
    }
  });

  it('names every problem of a bad layout', () => {
    const bad: WallLayout = {
      name: 'bad',
      title: { zh: '坏', en: 'bad' },
      columns: 4,
      rows: 2,
      fits: [[1920, 1080]],
      regions: [
        { panel: 'hall.map', x: 0, y: 0, w: 3, h: 2 },
        { panel: 'patrols.roster', x: 2, y: 0, w: 2, h: 1 },
        { panel: 'nobody.here', x: 3, y: 1, w: 2, h: 1 },
      ],
    };
    const problems = layoutProblems(bad, panels);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toContain('overlaps region 1 (hall.map)');
    expect(problems[1]).toContain('no module contributes the panel "nobody.here"');
    expect(problems[2]).toContain('beyond the 4×2 grid');
  });

  it('chooses by name, else by the wall’s shape and size', () => {
    expect(chooseLayout(STANDARD_LAYOUTS, 1920, 1080).name).toBe('hd');
    expect(chooseLayout(STANDARD_LAYOUTS, 3840, 2160).name).toBe('uhd');
    expect(chooseLayout(STANDARD_LAYOUTS, 7680, 2160).name).toBe('wide');
    expect(chooseLayout(STANDARD_LAYOUTS, 5760, 1080).name).toBe('wide');
    expect(chooseLayout(STANDARD_LAYOUTS, 1080, 1920).name).toBe('map');
    expect(chooseLayout(STANDARD_LAYOUTS, 1366, 768).name).toBe('hd');
    expect(chooseLayout(STANDARD_LAYOUTS, 1920, 1080, 'uhd').name).toBe('uhd');
    expect(chooseLayout(STANDARD_LAYOUTS, 1920, 1080, 'nonsense').name).toBe('hd');
  });
});
