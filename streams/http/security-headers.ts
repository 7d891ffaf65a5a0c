/**
 * The wall's Content-Security-Policy: everything comes from the hall server itself. No inline script,
 * no eval, no third-party origins — a kiosk on a command-hall network loads nothing from outside.
 * `blob:` is for hls.js (MediaSource URLs) and map workers; `data:` for small inline images and fonts.
 */
export function contentSecurityPolicy(extraMediaOrigins: readonly string[] = []): Record<string, string[]> {
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'media-src': ["'self'", 'blob:', ...extraMediaOrigins],
    'connect-src': ["'self'", ...extraMediaOrigins],
    'worker-src': ["'self'", 'blob:'],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'frame-ancestors': ["'none'"],
  };
}
