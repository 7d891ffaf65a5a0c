// The only file that imports electron. It turns Electron's APIs into the small ports the kiosk logic
// uses (kiosk/kiosk-controller.ts), so everything else in main/ is testable without Electron.
import { app, BrowserWindow, powerSaveBlocker, screen, session } from 'electron';
import type { KioskPorts, KioskWindow } from './kiosk/kiosk-controller';

function wrapWindow(win: BrowserWindow): KioskWindow {
  const wc = win.webContents;
  return {
    load: (url) => void win.loadURL(url).catch(() => {}), // failures arrive through did-fail-load
    reload: () => wc.reloadIgnoringCache(),
    onRendererGone: (cb) => wc.on('render-process-gone', (_e, details) => cb(details.reason)),
    onUnresponsive: (cb) => win.on('unresponsive', cb),
    onResponsive: (cb) => win.on('responsive', cb),
    onLoadFailed: (cb) =>
      wc.on('did-fail-load', (_e, code, description, _url, isMainFrame) => {
        if (isMainFrame && code !== -3 /* aborted by a newer navigation */) cb(description);
      }),
    onLoaded: (cb) => wc.on('did-finish-load', cb),
    guardNavigation: (allow) => {
      const guard = (e: { preventDefault(): void }, url: string) => {
        if (!allow(url)) e.preventDefault();
      };
      wc.on('will-navigate', guard);
      wc.on('will-redirect', guard);
    },
    denyPopups: () => wc.setWindowOpenHandler(() => ({ action: 'deny' })),
  };
}

export function electronPorts(): KioskPorts {
  return {
    displays: () =>
      screen.getAllDisplays().map((d) => ({ id: d.id, bounds: d.bounds, primary: d.id === screen.getPrimaryDisplay().id })),
    createWindow: (spec, prefs) => {
      const win = new BrowserWindow({
        ...spec.bounds,
        kiosk: true,
        fullscreen: true,
        frame: false,
        autoHideMenuBar: true,
        backgroundColor: '#050b18',
        title: 'GridWall',
        webPreferences: prefs,
      });
      return wrapWindow(win);
    },
    setPermissionCheck: (check) => {
      session.defaultSession.setPermissionRequestHandler((wc, permission, callback) => callback(check(permission, wc.getURL())));
      session.defaultSession.setPermissionCheckHandler((_wc, permission, origin) => check(permission, origin));
    },
    setTimeout: (cb, ms) => setTimeout(cb, ms),
    clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
    log: (line) => console.log(`[kiosk] ${line}`),
  };
}

export async function whenReady(): Promise<void> {
  app.commandLine.appendSwitch('autoplay-policy', 'no-user-gesture-required');
  await app.whenReady();
  // A wall must never blank: keep the displays awake for as long as the kiosk runs.
  powerSaveBlocker.start('prevent-display-sleep');
  app.on('window-all-closed', () => app.quit());
}

export function quitWithError(message: string): void {
  console.error(`gridwall kiosk: ${message}`);
  app.exit(2);
}
