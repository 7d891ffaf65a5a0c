import type { IncomingMessage } from 'node:http';

/** A directive value worked out per request (helmet calls it for each page). */
type PerRequest = (req: IncomingMessage) => string;

/**
 * The wall's Content-Security-Policy: everything comes from the hall server itself. No inline script,
 * no eval, no third-party origins — a kiosk on a command-hall network loads nothing from outside.
 * `blob:` is for hls.js (MediaSource URLs) and map workers; `data:` for small inline images and fonts.
 * `mediaOrigins`: per page, the origins it may also fetch and play video from — the hall's extra video
 * host names and the video platforms whose HLS the tiles play directly; nothing else.
 */
export function contentSecurityPolicy(mediaOrigins: (req: IncomingMessage) => readonly string[] = () => []): Record<string, Array<string | PerRequest>> {
  const extra: PerRequest = (req) => mediaOrigins(req).join(' ');
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'media-src': ["'self'", 'blob:', extra],
    'connect-src': ["'self'", extra],
    'worker-src': ["'self'", 'blob:'],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'frame-ancestors': ["'none'"],
  };
}
