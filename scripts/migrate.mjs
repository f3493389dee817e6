// npm run migrate [-- up] | npm run migrate:down [-- <steps>|all]
import { build, ensureDependencies, migrateEntry, serve } from './lib/workspace.mjs';

ensureDependencies();
build();
serve(process.execPath, [migrateEntry, ...process.argv.slice(2)]);
