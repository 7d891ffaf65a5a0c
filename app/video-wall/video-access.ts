import Type, { type Static } from 'typebox';

/**
 * How a wall window reaches live video (`GET /api/video/access`): a short-lived ticket for HLS URLs
 * (`?vt=`, video only, see streams/auth/url-ticket.ts) and the origins to spread its tiles over, so no
 * host carries more than a browser's six connections. Empty `origins`: the page's own origin.
 */
export const VideoAccess = Type.Object({
  ticket: Type.String({ maxLength: 200 }),
  /** Epoch ms the ticket ends; the window asks for a new one well before. */
  expiresAt: Type.Number({ minimum: 0 }),
  origins: Type.Array(Type.String({ maxLength: 200 }), { maxItems: 16 }),
});
export type VideoAccess = Static<typeof VideoAccess>;

/** A ticket's life: long enough to ride out a hall restart, short enough that a copied URL soon dies. */
export const VIDEO_TICKET_TTL_MS = 30 * 60_000;

/**
 * The origin tile `slot` fetches from: slots go round the origins, so a window of n tiles puts at most
 * ⌈n / origins⌉ streams on each host. Undefined: the page's own origin.
 */
export function originForSlot(origins: readonly string[], slot: number): string | undefined {
  if (!origins.length) return undefined;
  return origins[((slot % origins.length) + origins.length) % origins.length];
}
