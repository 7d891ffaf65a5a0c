import { describe, expect, it } from 'vitest';
import { Auth } from './auth';
import { readTicket, signTicket, verifyTicket } from './url-ticket';

const NOW = 1_790_000_000_000;

describe('URL tickets', () => {
  const t = signTicket('token-a', 'abcdef012345', 'video', NOW + 60_000);

  it('check out with the token, purpose and time they were made for', () => {
    expect(readTicket(t)).toMatchObject({ credential: 'abcdef012345', purpose: 'video', expiresAtMs: Math.floor((NOW + 60_000) / 1000) * 1000 });
    expect(verifyTicket(t, 'token-a', 'video', NOW)).toBeDefined();
  });

  it('fail once ended, for another purpose, under another token, or with any character changed', () => {
    expect(verifyTicket(t, 'token-a', 'video', NOW + 60_000)).toBeUndefined();
    expect(verifyTicket(t, 'token-a', 'evidence', NOW)).toBeUndefined();
    expect(verifyTicket(t, 'token-b', 'video', NOW)).toBeUndefined();
    const later = t.replace(/\.(\d{10})\./, (_m, s: string) => `.${Number(s) + 3600}.`);
    expect(verifyTicket(later, 'token-a', 'video', NOW)).toBeUndefined();
    const last = t.at(-1) === 'A' ? 'B' : 'A';
    expect(verifyTicket(t.slice(0, -1) + last, 'token-a', 'video', NOW)).toBeUndefined();
    expect(verifyTicket('not a ticket', 'token-a', 'video', NOW)).toBeUndefined();
  });

  it('name the principal in the hall that holds the token, and no other', () => {
    const a = new Auth([{ token: 'wall-token-1', role: 'wall' }]);
    const wall = a.authenticate('wall-token-1');
    if (!wall) throw new Error('no principal');
    const ticket = a.ticket(wall, 'video', NOW + 60_000) ?? '';
    expect(a.fromTicket(ticket, 'video', NOW)).toBe(wall);
    expect(a.fromTicket(ticket, 'video', NOW + 61_000)).toBeUndefined();
    // Another hall (other tokens) does not take it; the same tokens on another server do.
    expect(new Auth([{ token: 'wall-token-2', role: 'wall' }]).fromTicket(ticket, 'video', NOW)).toBeUndefined();
    expect(new Auth([{ token: 'wall-token-1', role: 'wall' }]).fromTicket(ticket, 'video', NOW)?.role).toBe('wall');
    expect(ticket).not.toContain('wall-token-1');
  });
});
