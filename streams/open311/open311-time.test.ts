import { describe, expect, it } from 'vitest';
import { parseW3DateTime, w3DateTime } from './open311-time';
import { newToken, tokenTime } from './open311-token';

describe('W3C datetimes in the hall zone', () => {
  it('writes an instant with the zone offset in force then', () => {
    const t = Date.parse('2026-11-21T02:03:04.567Z');
    expect(w3DateTime(t, 'Asia/Shanghai')).toBe('2026-11-21T10:03:04+08:00');
    expect(w3DateTime(t, 'UTC')).toBe('2026-11-21T02:03:04+00:00');
    expect(w3DateTime(t, 'Asia/Kolkata')).toBe('2026-11-21T07:33:04+05:30');
    // New York: EDT in July, EST in November.
    expect(w3DateTime(Date.parse('2026-07-01T16:00:00Z'), 'America/New_York')).toBe('2026-07-01T12:00:00-04:00');
    expect(w3DateTime(t, 'America/New_York')).toBe('2026-11-20T21:03:04-05:00');
    expect(w3DateTime(Date.parse('2026-11-21T15:59:59.999Z'), 'Asia/Shanghai')).toBe('2026-11-21T23:59:59+08:00');
  });

  it('reads offsets, Z, fractions, and bare dates or times in the hall zone', () => {
    const z = 'Asia/Shanghai';
    const t = Date.parse('2026-11-21T02:00:00Z');
    expect(parseW3DateTime('2026-11-21T02:00:00Z', z)).toBe(t);
    expect(parseW3DateTime('2026-11-21T10:00:00+08:00', z)).toBe(t);
    expect(parseW3DateTime('2026-11-20T21:00:00-05:00', z)).toBe(t);
    expect(parseW3DateTime('2026-11-21T10:00+08:00', z)).toBe(t);
    expect(parseW3DateTime('2026-11-21T10:00:00.250+08:00', z)).toBe(t + 250);
    expect(parseW3DateTime('2026-11-21T10:00:00', z)).toBe(t);
    expect(parseW3DateTime('2026-11-21', z)).toBe(Date.parse('2026-11-20T16:00:00Z'));
    for (const bad of ['yesterday', '2026-02-30', '2026-11-21T25:00:00Z', '2026-11-21 10:00', '1700000000000', '']) {
      expect(parseW3DateTime(bad, z), bad).toBeUndefined();
    }
  });
});

describe('request tokens', () => {
  it('are version-7 UUIDs after open311-, carrying the ms they were made', () => {
    const at = Date.parse('2026-11-21T02:03:04.567Z');
    const a = newToken(at);
    expect(a).toMatch(/^open311-[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a.length).toBeLessThanOrEqual(64); // a case client id
    expect(tokenTime(a)).toBe(at);
    expect(newToken(at)).not.toBe(a);
    expect(tokenTime('open311-00000000-0000-4000-8000-000000000000')).toBeUndefined(); // v4, not ours
    expect(tokenTime('t-1')).toBeUndefined();
  });
});
