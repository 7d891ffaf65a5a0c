import { originForSlot, VideoAccess } from '../../app/video-wall/video-access';
import { surfaceAuthorization, surfaceGet } from '../access/surface';

/**
 * How this window's tiles reach live video: the hall's video host names (so 16 or 25 tiles do not queue
 * behind a browser's six connections per host) and a short-lived video ticket for them, asked for at start
 * and again at half its life. Until it arrives, or if the hall gives no extra names, tiles use the page's
 * own origin with the surface's token in a header.
 */
let access: VideoAccess | undefined;
let first: Promise<void> | undefined;
let timer: ReturnType<typeof setTimeout> | undefined;

const RETRY_MS = 10_000;

async function refresh(): Promise<void> {
  clearTimeout(timer);
  try {
    access = await surfaceGet('/api/video/access', VideoAccess);
    timer = setTimeout(() => void refresh(), Math.max(RETRY_MS, (access.expiresAt - Date.now()) / 2));
  } catch {
    timer = setTimeout(() => void refresh(), RETRY_MS);
  }
}

/** Starts (once) keeping the window's video access fresh; resolves when the first answer (or failure) is in. */
export function videoAccessReady(): Promise<void> {
  if (!first) {
    first = refresh();
    addEventListener('securitypolicyviolation', reloadForNewOrigin);
  }
  return first;
}

/**
 * A page may fetch video only from the origins the hall named when it was served (its CSP). A camera on
 * a video platform registered since then is blocked until the window reloads: reload it, once per
 * origin per window session, so a playlist that names segments on a host nobody registered cannot make
 * the wall reload in a loop.
 */
function reloadForNewOrigin(e: SecurityPolicyViolationEvent): void {
  if (e.effectiveDirective !== 'connect-src' && e.effectiveDirective !== 'media-src') return;
  let origin: string;
  try {
    origin = new URL(e.blockedURI).origin;
  } catch {
    return;
  }
  if (!/^https?:/.test(origin)) return;
  const key = `gridwall.csp-reload.${origin}`;
  if (sessionStorage.getItem(key)) return;
  sessionStorage.setItem(key, String(Date.now()));
  location.reload();
}

/** Where tile `slot` plays `hls` from: a hall `/video/` path moves to the slot's video host name. */
export function tileVideoUrl(hls: string, slot: number): string {
  if (!hls.startsWith('/video/') || !access) return hls;
  const origin = originForSlot(access.origins, slot);
  return origin ? `${origin}${hls}` : hls;
}

/**
 * hls.js's `xhrSetup`: the surface's token for the page's own origin, the ticket (in the URL, so no CORS
 * preflight per segment) for the hall's video host names, and nothing at all for a video platform's own
 * URLs — the hall's credentials never leave for another host.
 */
export function videoXhrSetup(xhr: XMLHttpRequest, url: string): void {
  const target = new URL(url, location.href);
  if (target.origin === location.origin) {
    if (xhr.readyState === 0) xhr.open('GET', url, true);
    xhr.setRequestHeader('Authorization', surfaceAuthorization());
    return;
  }
  if (access?.origins.includes(target.origin) && target.pathname.startsWith('/video/')) {
    target.searchParams.set('vt', access.ticket);
    xhr.open('GET', target.href, true);
  }
}
