import { civilTime, isCivilDate, zonedInstant } from '../../app/case/zoned-time';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/**
 * An instant as the spec's W3C datetime with the offset of the hall's zone, e.g.
 * `2026-11-21T10:00:00+08:00` (seconds; the zone's offset at that instant, so DST zones stay right).
 */
export function w3DateTime(t: number, timeZone: string): string {
  const { date, minutes } = civilTime(t, timeZone);
  const ms = Math.round(minutes * 60_000);
  const secs = Math.floor(ms / 1000);
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const offsetMin = Math.round((Date.UTC(y, mo - 1, d) + ms - t) / 60_000);
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  return `${date}T${pad(Math.floor(secs / 3600))}:${pad(Math.floor(secs / 60) % 60)}:${pad(secs % 60)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

const W3 = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * A W3C datetime (`2010-01-01T00:00:00Z`, `…+08:00`, `2010-01-01`) as ms since the epoch; undefined when
 * it is not one. Without an offset (the spec wants one, clients forget) it is read in the hall's zone.
 */
export function parseW3DateTime(text: string, timeZone: string): number | undefined {
  const m = W3.exec(text.trim());
  if (!m?.[1] || !isCivilDate(m[1])) return undefined;
  const [h, min, s] = [Number(m[2] ?? 0), Number(m[3] ?? 0), Number(m[4] ?? 0)];
  if (h > 23 || min > 59 || s > 59) return undefined;
  const frac = m[5] ? Math.floor(Number(`0.${m[5]}`) * 1000) : 0;
  const zone = m[6];
  const local = (h * 60 + min + s / 60) * 60_000 + frac;
  if (!zone) return zonedInstant(m[1], local / 60_000, timeZone);
  const [y, mo, d] = m[1].split('-').map(Number) as [number, number, number];
  const offset = zone === 'Z' ? 0 : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  return Date.UTC(y, mo - 1, d) + local - offset * 60_000;
}
