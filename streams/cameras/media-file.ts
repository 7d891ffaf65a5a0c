import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';

export type MediaFileCheck = { ok: true; path: string } | { ok: false; reason: string };

/**
 * The I/O half of the `file:<name>` policy (the name itself is checked in app/camera/source-policy.ts):
 * the file must exist, be a regular file, and still lie inside the media dir once symbolic links are
 * followed. Returns the real path, which is what ffmpeg should open.
 */
export async function checkMediaFile(file: string, mediaDir: string): Promise<MediaFileCheck> {
  let root: string;
  try {
    root = await realpath(mediaDir);
  } catch {
    return { ok: false, reason: `the media dir ${mediaDir} (CAMERA_FILE_DIR) does not exist` };
  }
  let real: string;
  try {
    real = await realpath(file);
  } catch {
    return { ok: false, reason: `there is no file "${path.relative(mediaDir, file)}" in the media dir (CAMERA_FILE_DIR)` };
  }
  const rel = path.relative(root, real);
  if (rel === '' || rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) {
    return { ok: false, reason: `"${path.relative(mediaDir, file)}" leads out of the media dir (a symbolic link); copy the file into it instead` };
  }
  const s = await stat(real);
  if (!s.isFile()) return { ok: false, reason: `"${path.relative(mediaDir, file)}" is not a regular file` };
  return { ok: true, path: real };
}
