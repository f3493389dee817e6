import { resolve } from 'node:path';
import { defineConfig, type ProxyOptions } from 'vite';
import react from '@vitejs/plugin-react';

const webRoot = __dirname;
const workspaceRoot = resolve(webRoot, '../..');

/** Where the NestJS api listens in development; `API_URL` overrides. */
const apiUrl = process.env['API_URL'] ?? 'http://localhost:3000';

const proxy: Record<string, ProxyOptions> = {
  '/api': { target: apiUrl, changeOrigin: true },
  '/socket.io': { target: apiUrl, ws: true, changeOrigin: true },
};

export default defineConfig({
  root: webRoot,
  publicDir: resolve(webRoot, 'public'),
  cacheDir: resolve(workspaceRoot, 'node_modules/.vite/apps/web'),
  plugins: [react()],
  resolve: {
    alias: {
      '@touchpoint/shared': resolve(workspaceRoot, 'libs/shared/src/index.ts'),
    },
  },
  server: { host: 'localhost', port: 5173, strictPort: true, proxy },
  preview: { host: 'localhost', port: 4173, proxy },
  build: {
    outDir: resolve(workspaceRoot, 'dist/apps/web'),
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
    rollupOptions: {
      output: {
        // Libraries change less often than the app: separate files stay cached across releases.
        manualChunks(id) {
          if (!id.includes('node_modules')) return undefined;
          // Charts (and what they pull in) load with the reports, not with the inbox.
          if (
            /node_modules\/(recharts|d3-[a-z-]+|victory-vendor|@reduxjs|react-redux|redux|immer|reselect|decimal\.js-light|es-toolkit|eventemitter3|internmap|tiny-invariant)\//.test(
              id,
            )
          )
            return 'charts';
          if (
            /node_modules\/(zod|i18next|react-i18next|i18next-browser-languagedetector)\//.test(id)
          )
            return 'i18n-zod';
          return 'vendor';
        },
      },
    },
  },
});
