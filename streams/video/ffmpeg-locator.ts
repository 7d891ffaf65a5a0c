import { spawn } from 'node:child_process';
import { access, constants } from 'node:fs/promises';

export type FfmpegLocation = { ok: true; path: string; source: 'FFMPEG_PATH' | 'ffmpeg-static' | 'system' } | { ok: false; message: string };

/** Resolves when `bin -version` runs, so a broken binary counts as missing. */
function runs(bin: string): Promise<boolean> {
  return new Promise((resolve) => {
    const p = spawn(bin, ['-hide_banner', '-version'], { stdio: 'ignore' });
    p.once('error', () => resolve(false));
    p.once('exit', (code) => resolve(code === 0));
  });
}

async function fromFfmpegStatic(): Promise<string | undefined> {
  try {
    // Optional dependency: present only where the user chose to install it.
    const mod = (await import(/* @vite-ignore */ 'ffmpeg-' + 'static')) as { default?: unknown };
    return typeof mod.default === 'string' ? mod.default : undefined;
  } catch {
    return undefined;
  }
}

export const FFMPEG_HELP =
  'Demo cameras need ffmpeg: install it (Debian/Ubuntu: `sudo apt-get install ffmpeg`; Windows: `winget install ffmpeg`) ' +
  'or set FFMPEG_PATH. Until then camera tiles show "no signal".';

/** Finds ffmpeg: FFMPEG_PATH, then the optional ffmpeg-static package, then the system PATH. */
export async function locateFfmpeg(explicit?: string): Promise<FfmpegLocation> {
  if (explicit) {
    try {
      await access(explicit, constants.X_OK);
    } catch {
      return { ok: false, message: `FFMPEG_PATH="${explicit}" is not an executable file. ${FFMPEG_HELP}` };
    }
    return (await runs(explicit))
      ? { ok: true, path: explicit, source: 'FFMPEG_PATH' }
      : { ok: false, message: `FFMPEG_PATH="${explicit}" does not run as ffmpeg. ${FFMPEG_HELP}` };
  }
  const bundled = await fromFfmpegStatic();
  if (bundled && (await runs(bundled))) return { ok: true, path: bundled, source: 'ffmpeg-static' };
  if (await runs('ffmpeg')) return { ok: true, path: 'ffmpeg', source: 'system' };
  return { ok: false, message: `ffmpeg was not found. ${FFMPEG_HELP}` };
}
