/** Wall windows stay on the hall server: no navigation elsewhere, no pop-ups, almost no permissions. */

export function isAllowedNavigation(target: string, wallUrl: string): boolean {
  let t: URL;
  try {
    t = new URL(target);
  } catch {
    return false;
  }
  return t.origin === new URL(wallUrl).origin;
}

/** Permissions a wall page may hold: going full screen. Camera, microphone, geolocation etc. are refused. */
const ALLOWED_PERMISSIONS = new Set(['fullscreen']);

export function isAllowedPermission(permission: string, requestingUrl: string, wallUrl: string): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && isAllowedNavigation(requestingUrl, wallUrl);
}

/** The wall URL must be http(s); anything else (file:, javascript:, data:) is refused before a window opens. */
export function parseWallUrl(raw: string | undefined): URL {
  if (!raw) throw new Error('No wall URL: start the kiosk with --wall-url=http://<hall-server>:8750/ or set GRIDWALL_URL.');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`The wall URL "${raw}" is not a URL.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`The wall URL must be http or https, got "${url.protocol}".`);
  }
  return url;
}
