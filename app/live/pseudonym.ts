/**
 * A short, stable stand-in for an identifier shown to an exhibit audience (e.g. `p-3k9x2a`): the same id
 * gives the same pseudonym, so a dot keeps its identity as it moves, but the id itself is not shown.
 * FNV-1a, 32 bits: not a secret, only a mask for what a visitor sees on a wall.
 */
export function pseudonym(prefix: string, id: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `${prefix}-${h.toString(36).padStart(7, '0')}`;
}
