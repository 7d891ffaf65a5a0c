// Lint for the four rooms. The dependency rule (see docs/architecture.md) lives here:
//   app/ imports nothing of ours; main/, renderer/ and streams/ import app/ and never each other.
// `rooms.lint.test.ts` proves the rule fires on a crossing import.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const ROOMS = ['app', 'main', 'renderer', 'streams'];

/** One zone per room: everything of ours outside the room, except app/, is off limits. */
const roomZones = ROOMS.map((room) => ({
  target: `./${room}`,
  from: ROOMS.filter((other) => other !== room && (room === 'app' || other !== 'app')).map((o) => `./${o}`),
  message:
    room === 'app'
      ? 'app/ is the pure domain and imports nothing of ours.'
      : `${room}/ may import app/ only, never another room.`,
}));

const nodeBuiltins = {
  patterns: [{ regex: '^node:', message: 'Node built-ins belong in main/ or streams/.' }],
  paths: [{ name: 'electron', message: 'Only main/electron-adapter.ts imports electron.' }],
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'release/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      '.data/**',
      '.scratch/**',
      '**/*.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver': { node: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] } },
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { basePath: import.meta.dirname, zones: roomZones }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // app/: pure TypeScript that runs anywhere.
  {
    files: ['app/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', nodeBuiltins] },
  },
  // renderer/: the browser. No Node, no electron.
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          ...nodeBuiltins,
          paths: [
            ...nodeBuiltins.paths,
            { name: 'typebox/compile', message: 'Compile probes eval, which the wall CSP blocks: use Value.Check from typebox/value.' },
          ],
        },
      ],
    },
  },
  // main/: only the adapter touches electron; everything else is logic against ports.
  {
    files: ['main/**/*.ts'],
    ignores: ['main/electron-adapter.ts'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: nodeBuiltins.paths, patterns: [{ regex: '^electron/', message: nodeBuiltins.paths[0].message }] },
      ],
    },
  },
  {
    files: ['main/electron-adapter.ts', 'streams/**/*.{ts,mjs}', 'scripts/**/*.mjs', 'bin/**/*.mjs', 'e2e/**/*.ts', 'bench/**/*.{ts,mjs}', '*.config.{js,ts}'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['streams/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: nodeBuiltins.paths }] },
  },
);
