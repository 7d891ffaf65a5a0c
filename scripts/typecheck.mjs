// Type-checks each room with its own tsconfig, so DOM types stay in renderer/ and Node types stay
// in main/ and streams/; app/ sees neither.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');
const projects = [
  'app/tsconfig.json',
  'main/tsconfig.json',
  'streams/tsconfig.json',
  'renderer/tsconfig.json',
  'tsconfig.tests.json',
  'tsconfig.tools.json',
];
let failed = 0;
for (const project of projects) {
  const r = spawnSync(process.execPath, [tsc, '-p', project, '--pretty'], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.error(`type-check failed: ${project}`);
  }
}
process.exit(failed ? 1 : 0);
