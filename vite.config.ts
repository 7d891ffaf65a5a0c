import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { precompiledChecks } from './scripts/precompiled-checks.ts';

// The wall and console are one static app served by streams/ (or loaded by the Electron kiosk).
export default defineConfig({
  root: 'renderer',
  base: '/',
  plugins: [react(), precompiledChecks(import.meta.dirname)],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 4096,
    sourcemap: true,
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:8750',
      '/video': 'http://127.0.0.1:8750',
      '/live': { target: 'ws://127.0.0.1:8750', ws: true },
    },
  },
});
