import { describe, expect, it } from 'vitest';
import type { HardenedWebPreferences } from '../security/web-preferences';
import { DEFAULT_KIOSK, startKiosk, type KioskPorts, type KioskWindow } from './kiosk-controller';
import type { KioskWindowSpec } from './kiosk-plan';
import { wallTokenFromEnv, wallUrlFromArgs } from './wall-url-args';

/** A fake window that records what the controller does and lets the test fire events. */
class FakeWindow implements KioskWindow {
  loads: string[] = [];
  reloads = 0;
  popupsDenied = false;
  navGuard: (url: string) => boolean = () => true;
  handlers: Record<string, (arg?: string) => void> = {};
  load = (url: string) => void this.loads.push(url);
  reload = () => void this.reloads++;
  onRendererGone = (cb: (r: string) => void) => void (this.handlers.gone = (r) => cb(r ?? ''));
  onUnresponsive = (cb: () => void) => void (this.handlers.unresponsive = cb);
  onResponsive = (cb: () => void) => void (this.handlers.responsive = cb);
  onLoadFailed = (cb: (d: string) => void) => void (this.handlers.failed = (d) => cb(d ?? ''));
  onLoaded = (cb: () => void) => void (this.handlers.loaded = cb);
  guardNavigation = (allow: (url: string) => boolean) => void (this.navGuard = allow);
  denyPopups = () => void (this.popupsDenied = true);
}

function fakePorts() {
  const windows: Array<{ spec: KioskWindowSpec; prefs: HardenedWebPreferences; win: FakeWindow }> = [];
  const timers: Array<{ cb: () => void; ms: number; cleared: boolean }> = [];
  let permission: (p: string, url: string) => boolean = () => true;
  const ports: KioskPorts = {
    displays: () => [
      { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, primary: false },
      { id: 2, bounds: { x: 1920, y: 0, width: 3840, height: 2160 }, primary: true },
    ],
    createWindow: (spec, prefs) => {
      const win = new FakeWindow();
      windows.push({ spec, prefs, win });
      return win;
    },
    setPermissionCheck: (check) => void (permission = check),
    setTimeout: (cb, ms) => {
      const t = { cb, ms, cleared: false };
      timers.push(t);
      return t;
    },
    clearTimeout: (h) => void ((h as { cleared: boolean }).cleared = true),
    log: () => {},
  };
  const fire = () => timers.splice(0).forEach((t) => !t.cleared && t.cb());
  return { ports, windows, timers, fire, permission: (p: string, u: string) => permission(p, u) };
}

const WALL = new URL('http://127.0.0.1:8750/');

describe('kiosk controller', () => {
  it('opens one hardened kiosk window on the primary display, at the wall URL', () => {
    const f = fakePorts();
    startKiosk(f.ports, WALL);
    expect(f.windows).toHaveLength(1);
    const [{ spec, prefs, win }] = f.windows as [(typeof f.windows)[0]];
    expect(spec.displayId).toBe(2);
    expect(spec.bounds.width).toBe(3840);
    expect(win.loads).toEqual(['http://127.0.0.1:8750/?surface=wall-0']);
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(win.popupsDenied).toBe(true);
  });

  it('keeps navigation and permissions on the hall server', () => {
    const f = fakePorts();
    startKiosk(f.ports, WALL);
    const win = f.windows[0]!.win;
    expect(win.navGuard('http://127.0.0.1:8750/console')).toBe(true);
    expect(win.navGuard('https://example.com/')).toBe(false);
    expect(win.navGuard('file:///etc/passwd')).toBe(false);
    expect(f.permission('fullscreen', 'http://127.0.0.1:8750/')).toBe(true);
    expect(f.permission('media', 'http://127.0.0.1:8750/')).toBe(false);
    expect(f.permission('geolocation', 'http://127.0.0.1:8750/')).toBe(false);
    expect(f.permission('fullscreen', 'https://evil.example/')).toBe(false);
  });

  it('reloads a crashed renderer, a hung one after the grace period, and retries failed loads with backoff', () => {
    const f = fakePorts();
    startKiosk(f.ports, WALL, { unresponsiveReloadMs: 5000, retryDelaysMs: [100, 200] });
    const win = f.windows[0]!.win;
    win.handlers.gone?.('crashed');
    f.fire();
    expect(win.loads).toHaveLength(2);

    win.handlers.unresponsive?.();
    win.handlers.responsive?.(); // recovered in time: no reload
    f.fire();
    expect(win.reloads).toBe(0);
    win.handlers.unresponsive?.();
    expect(f.timers[0]?.ms).toBe(5000);
    f.fire();
    expect(win.reloads).toBe(1);

    win.handlers.failed?.('ERR_CONNECTION_REFUSED');
    win.handlers.failed?.('ERR_CONNECTION_REFUSED');
    win.handlers.failed?.('ERR_CONNECTION_REFUSED');
    expect(f.timers.map((t) => t.ms)).toEqual([100, 200, 200]);
    f.fire();
    win.handlers.loaded?.();
    win.handlers.failed?.('ERR_CONNECTION_REFUSED');
    expect(f.timers.map((t) => t.ms)).toEqual([100]); // a good load resets the backoff
  });

  it('hands the wall its token in the URL fragment, never in the query', () => {
    const f = fakePorts();
    startKiosk(f.ports, WALL, DEFAULT_KIOSK, 'wall-token-0123456789');
    expect(f.windows[0]?.win.loads).toEqual(['http://127.0.0.1:8750/?surface=wall-0#token=wall-token-0123456789']);
  });

  it('opens nothing without displays', () => {
    const f = fakePorts();
    f.ports.displays = () => [];
    expect(startKiosk(f.ports, WALL)).toEqual([]);
  });
});

describe('wall URL arguments', () => {
  it('reads --wall-url in both forms, else GRIDWALL_URL', () => {
    expect(wallUrlFromArgs(['electron', 'main.cjs', '--wall-url=http://a:1/'], {})).toBe('http://a:1/');
    expect(wallUrlFromArgs(['--wall-url', 'http://b:2/'], {})).toBe('http://b:2/');
    expect(wallUrlFromArgs([], { GRIDWALL_URL: 'http://c:3/' })).toBe('http://c:3/');
    expect(wallTokenFromEnv({ GRIDWALL_TOKEN: ' t ' })).toBe('t');
    expect(wallTokenFromEnv({})).toBeUndefined();
  });
});
