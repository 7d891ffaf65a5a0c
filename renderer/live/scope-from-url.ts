import type { LiveScope } from '../../app/live/scope';

/**
 * A sub-centre wall may name its streets in the URL (`?street=110107001000`, several comma-separated);
 * otherwise it watches what its token allows. Anything that is not a 12-digit code is ignored.
 */
export function scopeFromSearch(search: string): LiveScope | undefined {
  const raw = new URLSearchParams(search).get('street');
  const streets = [...new Set((raw ?? '').split(',').map((s) => s.trim()).filter((s) => /^[0-9]{12}$/.test(s)))].slice(0, 32);
  return streets.length ? { streets } : undefined;
}
