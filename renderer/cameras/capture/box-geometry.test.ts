import { describe, expect, it } from 'vitest';
import { boxInside } from '../../../app/evidence/evidence';
import { boxFromDrag, boxStyle } from './box-geometry';

const frame = { left: 100, top: 50, width: 800, height: 450 };

describe('a box dragged on the frozen frame', () => {
  it('is in fractions of the frame, whichever way it was dragged', () => {
    const down = boxFromDrag({ x: 300, y: 140 }, { x: 500, y: 365 }, frame);
    expect(down).toEqual({ x: 0.25, y: 0.2, w: 0.25, h: 0.5 });
    expect(boxFromDrag({ x: 500, y: 365 }, { x: 300, y: 140 }, frame)).toEqual(down);
    expect(boxStyle(down!)).toEqual({ left: '25.00%', top: '20.00%', width: '25.00%', height: '50.00%' });
  });

  it('stays inside the frame when dragged past its edge, and a click is no box', () => {
    const past = boxFromDrag({ x: 700, y: 300 }, { x: 2000, y: 2000 }, frame);
    expect(past).toBeDefined();
    expect(boxInside(past!)).toBe(true);
    expect(past!.x + past!.w).toBeCloseTo(1);
    expect(boxFromDrag({ x: 300, y: 140 }, { x: 303, y: 142 }, frame)).toBeUndefined();
    expect(boxFromDrag({ x: 0, y: 0 }, { x: 10, y: 10 }, { left: 0, top: 0, width: 0, height: 0 })).toBeUndefined();
  });
});
