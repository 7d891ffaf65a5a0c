import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** Sources the build depends on; a change in any of them makes dist/ stale. */
const SOURCES = ['app', 'renderer', 'main', 'vite.config.ts', 'scripts/precompiled-checks.ts', 'scripts/build.mjs', 'package-lock.json'];

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(p)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(path.join(p, entry)));
  }
  return newest;
}

export function buildIsStale(root: string): boolean {
  const stamp = path.join(root, 'dist', '.build-stamp');
  if (!existsSync(stamp) || !existsSync(path.join(root, 'dist', 'renderer', 'index.html'))) return true;
  const built = statSync(stamp).mtimeMs;
  return SOURCES.some((s) => newestMtime(path.join(root, s)) > built);
}

/** Builds the wall app when it is missing or older than its sources, so `npm start` always serves current code. */
export function ensureBuilt(root: string, say: (line: string) => void): void {
  if (!buildIsStale(root)) return;
  if (!existsSync(path.join(root, 'node_modules', 'vite'))) {
    throw new Error('The wall app is not built and the build tools are not installed: run `npm install` first.');
  }
  say('Building the wall app (a minute on first start)…');
  const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--quiet'], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) throw new Error('Building the wall app failed (see above).');
}
