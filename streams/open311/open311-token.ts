import { randomBytes } from 'node:crypto';

/**
 * The token of a POSTed request is the case's client id, `open311-<uuid>`, with a version-7 UUID (RFC 9562):
 * its first 48 bits are the ms the request was made, which is also the case's reportedAt. So a token
 * leads back to its case through the store's reported_at index (one ms of cases), on any hall server and
 * after a restart, with no table of its own.
 */
export const TOKEN_PREFIX = 'open311-';

const UUID7 = /^open311-([0-9a-f]{8})-([0-9a-f]{4})-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export function newToken(at: number): string {
  const b = randomBytes(16);
  const ms = BigInt(Math.max(0, Math.floor(at)));
  for (let i = 0; i < 6; i++) b[i] = Number((ms >> BigInt(8 * (5 - i))) & 0xffn);
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x70; // version 7
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80; // RFC 9562 variant
  const h = b.toString('hex');
  return `${TOKEN_PREFIX}${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** When the token was made (ms since the epoch); undefined when it is not one of ours. */
export function tokenTime(token: string): number | undefined {
  const m = UUID7.exec(token);
  return m?.[1] && m[2] ? parseInt(m[1] + m[2], 16) : undefined;
}
