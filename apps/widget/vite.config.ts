import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const widgetRoot = __dirname;
const workspaceRoot = resolve(widgetRoot, '../..');

/**
 * One self-contained classic script (IIFE) that sites embed with `<script src=".../widget.js" async>`.
 * It imports the realtime contract files of libs/shared directly, not the barrel: the barrel also
 * carries the zod schemas, which would multiply the bundle.
 */
export default defineConfig({
  root: widgetRoot,
  cacheDir: resolve(workspaceRoot, 'node_modules/.vite/apps/widget'),
  publicDir: false,
  resolve: {
    alias: [
      {
        find: /^@touchpoint\/shared\/realtime\/(.*)$/,
        replacement: resolve(workspaceRoot, 'libs/shared/src/realtime/$1.ts'),
      },
    ],
  },
  build: {
    outDir: resolve(workspaceRoot, 'dist/apps/widget'),
    emptyOutDir: true,
    // Kept for debugging, not referenced from the script (sites would fetch a map that is not served).
    sourcemap: 'hidden',
    target: 'es2019',
    minify: 'esbuild',
    lib: {
      entry: resolve(widgetRoot, 'src/main.ts'),
      formats: ['iife'],
      name: 'TouchpointWidget',
      fileName: () => 'widget.js',
    },
  },
});
