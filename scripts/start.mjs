// npm start: install what is missing, build, then run api + web + workers on one port.
// The server itself checks PostgreSQL and Redis, migrates, seeds the demo once and prints the logins.
import { apiEntry, build, ensureDependencies, serve } from './lib/workspace.mjs';

ensureDependencies();
build();
serve(process.execPath, ['--enable-source-maps', apiEntry]);
