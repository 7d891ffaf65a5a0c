import { constants } from 'node:fs';
import { access, mkdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from './config';

const WHY: Record<string, string> = {
  EACCES: 'this user may not write there',
  EPERM: 'this user may not write there',
  EROFS: 'it is on a read-only file system',
  ENOSPC: 'the disk is full',
  ENOENT: 'its parent folder cannot hold it',
  ENOTDIR: 'a part of the path is a file',
};

const statOf = (p: string) => stat(p).catch(() => undefined);

/**
 * Makes sure the data dir exists and is writable before anything opens there, and says in one sentence
 * what is wrong otherwise (a file in the way, a read-only or virtual file system, no permission).
 * The folders are created one level at a time: Node's recursive mkdir never returns under /proc.
 */
export async function prepareDataDir(dir: string): Promise<void> {
  const fail = (why: string): never => {
    throw new ConfigError('GRIDWALL_DATA', `GRIDWALL_DATA=${dir} cannot be used: ${why}. Point GRIDWALL_DATA at a writable folder.`);
  };
  const missing: string[] = [];
  let at = path.resolve(dir);
  let found = await statOf(at);
  while (!found) {
    missing.unshift(at);
    const parent = path.dirname(at);
    if (parent === at) fail('none of its folders exist');
    at = parent;
    found = await statOf(at);
  }
  if (!found.isDirectory()) fail(missing.length ? `${at} is a file, not a folder` : 'it is a file, not a folder');
  try {
    if (at.startsWith('/proc') || at.startsWith('/sys')) fail('it is on a virtual file system (/proc, /sys)');
    await access(at, constants.W_OK);
    for (const m of missing) await mkdir(m);
    const probe = path.join(dir, `.write-test-${process.pid}`);
    await writeFile(probe, 'ok');
    await rm(probe, { force: true });
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    const code = (err as NodeJS.ErrnoException).code ?? '';
    fail(WHY[code] ?? (err as Error).message);
  }
}
