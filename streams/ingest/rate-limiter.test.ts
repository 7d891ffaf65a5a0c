import { describe, expect, it } from 'vitest';
import { LogLimiter } from '../log/log-limiter';
import { RateLimiter } from './rate-limiter';

describe('RateLimiter', () => {
  it('allows a burst, then the sustained rate, per key', () => {
    const r = new RateLimiter(5, 10);
    let allowed = 0;
    for (let i = 0; i < 100; i++) if (r.take('flood', 0)) allowed++;
    expect(allowed).toBe(10);
    expect(r.take('other', 0)).toBe(true); // one flooding terminal does not starve another
    expect(r.take('flood', 1000)).toBe(true); // refilled 5 tokens after a second
    let more = 0;
    for (let i = 0; i < 10; i++) if (r.take('flood', 1000)) more++;
    expect(more).toBe(4);
  });

  it('forgets idle keys', () => {
    const r = new RateLimiter(5, 10);
    r.take('a', 0);
    r.take('b', 0);
    r.evictIdle(10_000);
    expect(r.size).toBe(0);
  });
});

describe('LogLimiter', () => {
  it('logs once per interval per key and counts what it held back', () => {
    let t = 0;
    const lines: string[] = [];
    const log = new LogLimiter((l) => lines.push(l), 10_000, () => t);
    for (let i = 0; i < 1000; i++) log.warn('bad-json', 'bad JSON from x');
    log.warn('too-large', 'too large');
    t = 10_000;
    log.warn('bad-json', 'bad JSON from y');
    expect(lines).toEqual(['bad JSON from x', 'too large', 'bad JSON from y (999 more like this in the last 10 s)']);
  });
});
