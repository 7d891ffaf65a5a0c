import { hardenedWebPreferences, type HardenedWebPreferences } from '../security/web-preferences';
import { isAllowedNavigation, isAllowedPermission } from '../security/navigation-policy';
import { planKioskWindows, type DisplayInfo, type KioskWindowSpec } from './kiosk-plan';

/** A wall window, as the controller needs it. The Electron adapter implements this. */
export interface KioskWindow {
  load(url: string): void;
  reload(): void;
  /** The renderer process died or hung; the controller decides what to do. */
  onRendererGone(cb: (reason: string) => void): void;
  onUnresponsive(cb: () => void): void;
  onResponsive(cb: () => void): void;
  onLoadFailed(cb: (description: string) => void): void;
  onLoaded(cb: () => void): void;
  /** Called before any navigation; returning false blocks it. */
  guardNavigation(allow: (url: string) => boolean): void;
  /** window.open and target=_blank are always refused. */
  denyPopups(): void;
}

export interface KioskPorts {
  displays(): DisplayInfo[];
  createWindow(spec: KioskWindowSpec, prefs: HardenedWebPreferences): KioskWindow;
  /** Installs the session-wide permission check. */
  setPermissionCheck(check: (permission: string, requestingUrl: string) => boolean): void;
  setTimeout(cb: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  log(line: string): void;
}

export interface KioskOptions {
  /** How long a hung renderer may stay unresponsive before it is reloaded. */
  unresponsiveReloadMs: number;
  /** Retry delays for a wall URL that failed to load (the hall server may still be starting). */
  retryDelaysMs: readonly number[];
}

export const DEFAULT_KIOSK: KioskOptions = { unresponsiveReloadMs: 10_000, retryDelaysMs: [1000, 2000, 5000, 10_000] };

/**
 * Opens the kiosk windows and keeps them alive: a crashed renderer is reloaded, a hung one is reloaded
 * after a grace period, a failed load is retried with backoff. Navigation and permissions are locked
 * to the hall server's origin.
 */
export function startKiosk(ports: KioskPorts, wallUrl: URL, opts: KioskOptions = DEFAULT_KIOSK, token?: string): KioskWindow[] {
  const origin = wallUrl.toString();
  ports.setPermissionCheck((permission, requestingUrl) => isAllowedPermission(permission, requestingUrl, origin));
  return planKioskWindows(ports.displays(), wallUrl, token).map((spec) => {
    const win = ports.createWindow(spec, hardenedWebPreferences());
    let failures = 0;
    let hangTimer: unknown;
    win.denyPopups();
    win.guardNavigation((url) => isAllowedNavigation(url, origin));
    win.onRendererGone((reason) => {
      ports.log(`${spec.surface}: renderer gone (${reason}); reloading`);
      ports.setTimeout(() => win.load(spec.url), 1000);
    });
    win.onUnresponsive(() => {
      hangTimer = ports.setTimeout(() => {
        ports.log(`${spec.surface}: unresponsive for ${opts.unresponsiveReloadMs} ms; reloading`);
        win.reload();
      }, opts.unresponsiveReloadMs);
    });
    win.onResponsive(() => ports.clearTimeout(hangTimer));
    win.onLoaded(() => {
      failures = 0;
    });
    win.onLoadFailed((description) => {
      const delay = opts.retryDelaysMs[Math.min(failures++, opts.retryDelaysMs.length - 1)] ?? 10_000;
      ports.log(`${spec.surface}: could not load ${spec.url.split('#')[0]} (${description}); retrying in ${delay} ms`);
      ports.setTimeout(() => win.load(spec.url), delay);
    });
    win.load(spec.url);
    return win;
  });
}
