// npm run dev: the api in watch mode (restarts on change) and the Vite dev server with hot reload.
import { ensureDependencies, serve } from './lib/workspace.mjs';
import { join } from 'node:path';
import { root } from './lib/workspace.mjs';

ensureDependencies();
serve(
  join(root, 'node_modules/.bin/concurrently'),
  [
    '--names',
    'api,web',
    '--prefix-colors',
    'blue,magenta',
    '--kill-others-on-fail',
    'nx run api:serve',
    'nx run web:serve',
  ],
  { NX_DAEMON: 'false' },
);
