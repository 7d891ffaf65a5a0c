import { defineConfig } from 'vitest/config';
import { precompiledChecks } from './scripts/precompiled-checks.ts';

export default defineConfig({
  plugins: [precompiledChecks(import.meta.dirname)],
  test: {
    include: ['{app,main,renderer,streams,scripts,bench}/**/*.test.{ts,tsx}', '*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
