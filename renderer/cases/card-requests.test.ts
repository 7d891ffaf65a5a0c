import { describe, expect, it } from 'vitest';
import { activeCard, nextCardChange } from './card-requests';

describe('card requests', () => {
  it('shows the newest request still in force', () => {
    const focus = { caseId: 'a', until: 1000, at: 10 };
    const click = { caseId: 'b', until: Infinity, at: 20 };
    expect(activeCard([focus, click], 500)?.caseId).toBe('b');
    expect(activeCard([focus, undefined], 500)?.caseId).toBe('a');
    expect(activeCard([focus], 1000)).toBeUndefined(); // its time has passed: a window opening later shows nothing
  });

  it('closes with a newer request for no case, and a newer focus opens again', () => {
    const focus = { caseId: 'a', until: 1000, at: 10 };
    const closed = { caseId: null, until: 1000, at: 20 };
    expect(activeCard([focus, closed], 500)).toBeUndefined();
    expect(activeCard([{ ...focus, at: 30 }, closed], 500)?.caseId).toBe('a');
  });

  it('knows when a card runs out, and that a clicked one never does', () => {
    expect(nextCardChange([{ caseId: 'a', until: 1000, at: 0 }, { caseId: 'b', until: Infinity, at: 1 }], 500)).toBe(1000);
    expect(nextCardChange([{ caseId: 'b', until: Infinity, at: 1 }], 500)).toBeUndefined();
  });
});
