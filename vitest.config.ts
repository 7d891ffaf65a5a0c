import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{app,main,renderer,streams,scripts,bench}/**/*.test.{ts,tsx}', '*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
