import { describe, expect, it } from 'vitest';
import { LogLimiter } from './log-limiter';

describe('LogLimiter', () => {
  it('logs a kind once per interval, then says how many were held back', () => {
    let now = 0;
    const lines: string[] = [];
    const log = new LogLimiter((l) => lines.push(l), 10_000, () => now);
    log.warn('k', 'first');
    log.warn('k', 'second');
    log.warn('k', 'third');
    now = 10_000;
    log.warn('k', 'fourth');
    expect(lines).toEqual(['first', 'fourth (2 more like this in the last 10 s)']);
  });

  it('never lets untrusted text forge a line or flood one', () => {
    const lines: string[] = [];
    const log = new LogLimiter((l) => lines.push(l));
    log.warn('a', 'ingest: refused a message on gridwall/v1/x\n2026-11-21 ERROR forged line\u001b[2J');
    log.warn('b', `x${'y'.repeat(10_000)}`);
    expect(lines[0]).toBe('ingest: refused a message on gridwall/v1/x\\n2026-11-21 ERROR forged line\\x1b[2J');
    expect(lines[1]?.length).toBeLessThanOrEqual(500);
  });
});
