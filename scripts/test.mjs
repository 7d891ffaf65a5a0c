// `npm test`: lint, type-check, unit tests, build, end-to-end tests in Chromium.
// Every stage runs even when an earlier one failed, so one run shows everything that is wrong.
// The last line is the summary CI reads: `N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const results = path.join(root, 'test-results');
mkdirSync(results, { recursive: true });

/** A tool's entry script in node_modules (their package exports do not expose the bin files). */
const bin = (p) => path.join(root, 'node_modules', p);

let passed = 0;
let failed = 0;
const lines = [];

function run(label, args, env = {}) {
  console.log(`\n▶ ${label}`);
  const t0 = Date.now();
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  return { ok: r.status === 0, seconds };
}

function check(label, args) {
  const r = run(label, args);
  if (r.ok) passed++;
  else failed++;
  lines.push(`${r.ok ? '✓' : '✗'} ${label} (${r.seconds} s)`);
  return r.ok;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function findChromium() {
  if (process.env.CHROMIUM_PATH) return existsSync(process.env.CHROMIUM_PATH) ? process.env.CHROMIUM_PATH : undefined;
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  try {
    const own = require('playwright-core').chromium.executablePath();
    return own && existsSync(own) ? own : undefined;
  } catch {
    return undefined;
  }
}

check('lint (eslint, incl. the room dependency rule)', [bin('eslint/bin/eslint.js'), '--max-warnings', '0', '.']);
check('type-check (tsc per room)', [path.join(root, 'scripts/typecheck.mjs')]);

const unitJson = path.join(results, 'unit.json');
rmSync(unitJson, { force: true });
const unit = run('unit and integration tests (vitest)', [
  bin('vitest/vitest.mjs'),
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${unitJson}`,
]);
const u = readJson(unitJson);
if (u) {
  passed += u.numPassedTests;
  failed += u.numFailedTests + (unit.ok || u.numFailedTests ? 0 : 1);
  lines.push(`${unit.ok ? '✓' : '✗'} unit: ${u.numPassedTests} passed, ${u.numFailedTests} failed (${unit.seconds} s)`);
} else {
  failed++;
  lines.push(`✗ unit: vitest did not report (${unit.seconds} s)`);
}

const built = check('build (vite + esbuild)', [path.join(root, 'scripts/build.mjs'), '--quiet']);

const chromium = findChromium();
if (!chromium) {
  failed++;
  const msg =
    'No Chromium found for the end-to-end tests. Install one: `sudo apt-get install chromium` (Debian/Ubuntu), ' +
    'or set CHROMIUM_PATH to a Chrome/Chromium executable, or `npx playwright install chromium`.';
  console.error(`\n✗ ${msg}`);
  lines.push(`✗ e2e: not run — ${msg}`);
} else if (!built) {
  failed++;
  lines.push('✗ e2e: not run — the build failed');
} else {
  const e2eJson = path.join(results, 'e2e-report.json');
  rmSync(e2eJson, { force: true });
  const e2e = run('end-to-end tests (Playwright, Chromium)', [bin('@playwright/test/cli.js'), 'test'], { CHROMIUM_PATH: chromium });
  const stats = readJson(e2eJson)?.stats;
  if (stats) {
    const bad = stats.unexpected + (stats.flaky ?? 0);
    passed += stats.expected;
    failed += bad + (e2e.ok || bad ? 0 : 1);
    lines.push(`${e2e.ok ? '✓' : '✗'} e2e: ${stats.expected} passed, ${bad} failed, ${stats.skipped} skipped (${e2e.seconds} s)`);
  } else {
    failed++;
    lines.push(`✗ e2e: Playwright did not report (${e2e.seconds} s)`);
  }
}

console.log(`\n${lines.join('\n')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
