import { ConfigError, type Env } from '../../config/config';

/**
 * Browsers open at most six HTTP/1.1 connections per host and port, and a wall window of 16 or 25 live
 * tiles needs more than that: each tile polls its playlist every second and fetches a segment. So the
 * tiles spread their streams over several host names that all reach this hall (several "hostnames" in
 * the CDN sense). `GRIDWALL_VIDEO_ORIGINS`:
 * - unset or `auto`: when a page reaches the hall by a loopback name, `v1.localhost` … `v6.localhost`
 *   on the same port (browsers resolve every `*.localhost` name to loopback, RFC 6761); otherwise the
 *   page's own origin only;
 * - a comma-separated list of origins (`http://v1.hall.lan:8080,http://v2.hall.lan:8080`): DNS aliases
 *   of the hall (or of a proxy in front of it) for walls that reach it over the LAN;
 * - `off`: the page's own origin only.
 */
export type VideoOriginsSetting = { kind: 'auto' } | { kind: 'off' } | { kind: 'list'; origins: string[] };

/** How many aliases `auto` gives: 6 × 6 connections, so 25 tiles have ≤ 5 per host. */
export const AUTO_ALIASES = 6;

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

export function parseVideoOrigins(env: Env): VideoOriginsSetting {
  const raw = env.GRIDWALL_VIDEO_ORIGINS?.trim() ?? '';
  if (raw === '' || raw.toLowerCase() === 'auto') return { kind: 'auto' };
  if (raw.toLowerCase() === 'off') return { kind: 'off' };
  const origins: string[] = [];
  for (const part of raw.split(',').map((p) => p.trim()).filter(Boolean)) {
    let url: URL | undefined;
    try {
      url = new URL(part);
    } catch {
      url = undefined;
    }
    if (!url || !/^https?:$/.test(url.protocol) || url.pathname !== '/' || url.search || url.hash || url.username || url.password) {
      throw new ConfigError('GRIDWALL_VIDEO_ORIGINS', `GRIDWALL_VIDEO_ORIGINS: "${part}" is not an origin. Give http(s)://host[:port] entries separated by commas, "auto" or "off".`);
    }
    origins.push(url.origin);
  }
  if (origins.length > 16) throw new ConfigError('GRIDWALL_VIDEO_ORIGINS', 'GRIDWALL_VIDEO_ORIGINS: at most 16 origins (16 × 6 connections is far more than any wall window needs).');
  return origins.length ? { kind: 'list', origins: [...new Set(origins)] } : { kind: 'auto' };
}

/**
 * The origins a page reached through `host` (its `Host` header) should fetch video from; empty means
 * its own origin. For `auto`, the loopback aliases keep the page's port.
 */
export function videoOriginsFor(setting: VideoOriginsSetting, host: string | undefined): string[] {
  if (setting.kind === 'list') return setting.origins;
  if (setting.kind === 'off' || !host) return [];
  let url: URL;
  try {
    url = new URL(`http://${host}`);
  } catch {
    return [];
  }
  const name = url.hostname.toLowerCase();
  if (!LOOPBACK.has(name) && !name.endsWith('.localhost')) return [];
  const port = url.port ? `:${url.port}` : '';
  return Array.from({ length: AUTO_ALIASES }, (_, i) => `http://v${i + 1}.localhost${port}`);
}

const SAFE_ORIGIN = /^https?:\/\/(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/** The origins of absolute http(s) URLs (tiles that play a video platform's HLS directly), each once. */
export function originsOf(urls: Iterable<string | undefined>): string[] {
  const out = new Set<string>();
  for (const u of urls) {
    if (!u || !/^https?:\/\//i.test(u)) continue;
    try {
      const origin = new URL(u).origin;
      // Only plain host names and addresses go into the CSP (a `;` or `*` there would change the policy).
      if (SAFE_ORIGIN.test(origin)) out.add(origin);
    } catch {
      // Not a URL: nothing a page could fetch.
    }
  }
  return [...out];
}
