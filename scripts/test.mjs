// npm test: every project's jest tests. api tests use the real PostgreSQL and Redis (own database and key
// prefix per run, dropped afterwards).
import { checkServicesOrExit, ensureDependencies, nx } from './lib/workspace.mjs';

ensureDependencies();
checkServicesOrExit({ serverOnly: true });
nx(['run-many', '-t', 'test', '--parallel=1', '--outputStyle=stream', ...process.argv.slice(2)]);
