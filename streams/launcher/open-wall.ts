import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chooseOpener, chromiumKioskArgs, type WallOpener } from './choose-opener';
import { findChromium, findElectron, hasDisplay, tryDownloadElectron } from './find-browsers';

const require = createRequire(import.meta.url);

export interface OpenedWall {
  opener: WallOpener;
  process?: ChildProcess;
}

/** Opens the wall on this machine the best way available and reports how. */
export function openWall(url: string, opts: { headless: boolean; dataDir: string; mainBundle: string; token?: string }): OpenedWall {
  const display = hasDisplay();
  let electron = findElectron();
  if ('missing' in electron && !opts.headless && display && !process.env.GRIDWALL_NO_ELECTRON_DOWNLOAD) {
    electron = tryDownloadElectron();
  }
  const opener = chooseOpener({ headless: opts.headless, hasDisplay: display, electron, chromium: findChromium() });
  if (opener.kind === 'electron') {
    // The token goes by environment, not on the command line where any local user could read it.
    const proc = spawn(opener.executable, [opts.mainBundle, `--wall-url=${url}`], { stdio: 'inherit', env: { ...process.env, ...(opts.token ? { GRIDWALL_TOKEN: opts.token } : {}) } });
    return { opener, process: proc };
  }
  if (opener.kind === 'chromium') {
    const args = chromiumKioskArgs(opts.token ? `${url}#token=${encodeURIComponent(opts.token)}` : url, path.join(opts.dataDir, 'chromium-profile'));
    if (process.getuid?.() === 0) args.push('--no-sandbox'); // Chromium refuses to run as root otherwise
    const proc = spawn(opener.executable, args, { stdio: 'ignore', detached: false });
    return { opener, process: proc };
  }
  return { opener };
}

export function mainBundlePath(): string {
  return path.join(path.dirname(require.resolve('../../package.json')), 'dist', 'main', 'main.cjs');
}
