// npm run bench: inbound throughput/latency against the built server, next to the raw PostgreSQL insert rate.
import { join } from 'node:path';
import { build, checkServicesOrExit, ensureDependencies, root, serve } from './lib/workspace.mjs';

ensureDependencies();
checkServicesOrExit({ serverOnly: true });
build();
serve(
  process.execPath,
  [
    '-r',
    'ts-node/register/transpile-only',
    // The scale data set is made with the app's own migrations and entities, which import libs/shared.
    '-r',
    'tsconfig-paths/register',
    join(root, 'apps/api/bench/inbound.bench.ts'),
    ...process.argv.slice(2),
  ],
  {
    TS_NODE_PROJECT: join(root, 'apps/api/tsconfig.spec.json'),
  },
);
