// Builds what the hall serves and what Electron runs:
//   dist/renderer  — the wall / console app (Vite)
//   dist/main      — the Electron main process (esbuild, electron kept external)
// and writes dist/.build-stamp so `npm start` knows the build is current.
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const quiet = process.argv.includes('--quiet');

const t0 = Date.now();
await viteBuild({ configFile: path.join(root, 'vite.config.ts'), logLevel: quiet ? 'warn' : 'info' });
await esbuild({
  entryPoints: { main: path.join(root, 'main/index.ts') },
  outdir: path.join(root, 'dist/main'),
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  external: ['electron'],
  sourcemap: true,
  logLevel: quiet ? 'warning' : 'info',
});
await mkdir(path.join(root, 'dist'), { recursive: true });
await writeFile(path.join(root, 'dist/.build-stamp'), new Date().toISOString());
if (!quiet) console.log(`build done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
