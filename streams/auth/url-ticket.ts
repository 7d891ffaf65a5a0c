import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Short-lived tickets that stand in for a bearer token where a browser cannot send a header without a
 * CORS preflight per URL: HLS playlists and segments fetched from the hall's extra video host names.
 * A ticket names its credential, what it is for and when it ends, and is signed with HMAC-SHA-256 keyed
 * by the credential's own token, so every hall server that knows the token can check it (no shared state),
 * it ends when the token is removed, and it is useless for anything but its purpose.
 *
 * Format: `<credential>.<purpose>.<expires, unix s>.<mac, base64url of 18 bytes>`.
 */
const TICKET = /^([0-9a-f]{12})\.([a-z]{1,16})\.(\d{10})\.([A-Za-z0-9_-]{24})$/;

function mac(token: string, credential: string, purpose: string, expiresS: number): string {
  return createHmac('sha256', token).update(`gridwall-ticket|${credential}|${purpose}|${expiresS}`).digest().subarray(0, 18).toString('base64url');
}

export function signTicket(token: string, credential: string, purpose: string, expiresAtMs: number): string {
  const expiresS = Math.floor(expiresAtMs / 1000);
  return `${credential}.${purpose}.${expiresS}.${mac(token, credential, purpose, expiresS)}`;
}

export interface TicketClaim {
  credential: string;
  purpose: string;
  expiresAtMs: number;
}

/** The ticket's claim, unverified (its credential tells which token to check the signature with). */
export function readTicket(ticket: string): (TicketClaim & { mac: string }) | undefined {
  const m = TICKET.exec(ticket);
  if (!m) return undefined;
  return { credential: m[1] as string, purpose: m[2] as string, expiresAtMs: Number(m[3]) * 1000, mac: m[4] as string };
}

/** Whether `ticket` was signed with `token` for `purpose` and has not ended at `nowMs`. */
export function verifyTicket(ticket: string, token: string, purpose: string, nowMs: number): TicketClaim | undefined {
  const t = readTicket(ticket);
  if (!t || t.purpose !== purpose || t.expiresAtMs <= nowMs) return undefined;
  const want = Buffer.from(mac(token, t.credential, t.purpose, t.expiresAtMs / 1000));
  const got = Buffer.from(t.mac);
  if (want.length !== got.length || !timingSafeEqual(want, got)) return undefined;
  return { credential: t.credential, purpose: t.purpose, expiresAtMs: t.expiresAtMs };
}
