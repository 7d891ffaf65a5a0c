import type { LiveScope } from '../../app/live/scope';

/**
 * A sub-centre wall names its streets in the URL: `?street=110107001000` or several, comma-separated.
 * Anything that is not a 12-digit street code is ignored; no valid code means the whole city.
 */
export function scopeFromSearch(search: string): LiveScope | undefined {
  const raw = new URLSearchParams(search).get('street');
  const streets = [...new Set((raw ?? '').split(',').map((s) => s.trim()).filter((s) => /^[0-9]{12}$/.test(s)))].slice(0, 32);
  return streets.length ? { streets } : undefined;
}
