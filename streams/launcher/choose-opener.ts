/** How `npm start` shows the wall, and why — the user is always told which and why. */
export type WallOpener =
  | { kind: 'electron'; executable: string; reason: string }
  | { kind: 'chromium'; executable: string; reason: string }
  | { kind: 'print'; reason: string };

export interface OpenerFacts {
  headless: boolean;
  /** A desktop session is there to open windows on. */
  hasDisplay: boolean;
  electron: { executable: string } | { missing: string };
  chromium: string | undefined;
}

/** Electron where its binary is available, else the system's Chromium in app/kiosk mode, else print the URL. */
export function chooseOpener(f: OpenerFacts): WallOpener {
  if (f.headless) return { kind: 'print', reason: '--headless: no window is opened' };
  if (!f.hasDisplay) return { kind: 'print', reason: 'no display (DISPLAY / WAYLAND_DISPLAY is not set), so no window can open' };
  if ('executable' in f.electron) {
    return { kind: 'electron', executable: f.electron.executable, reason: 'the Electron kiosk is installed' };
  }
  if (f.chromium) {
    return { kind: 'chromium', executable: f.chromium, reason: `Electron is not available (${f.electron.missing}); using Chromium in kiosk mode` };
  }
  return { kind: 'print', reason: `Electron is not available (${f.electron.missing}) and no Chromium/Chrome was found (set CHROMIUM_PATH)` };
}

/** Chromium flags for a wall window: app mode, full screen, quiet on a closed network, video autoplays. */
export function chromiumKioskArgs(url: string, profileDir: string): string[] {
  return [
    `--app=${url}`,
    '--kiosk',
    '--start-fullscreen',
    `--user-data-dir=${profileDir}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-translate',
    '--autoplay-policy=no-user-gesture-required',
    '--noerrdialogs',
  ];
}
