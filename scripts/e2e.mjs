// npm run e2e: browser tests in Debian's chromium against the built app on a fresh database.
import { existsSync } from 'node:fs';
import { build, checkServicesOrExit, die, ensureDependencies, nx } from './lib/workspace.mjs';

ensureDependencies();
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  die(
    `The browser tests need Chromium at ${chromium}.\n  Debian/Ubuntu: sudo apt-get install -y chromium\n  or set CHROMIUM_PATH.`,
  );
}
checkServicesOrExit({ serverOnly: true });
build();
nx(['run', 'web-e2e:e2e', '--outputStyle=stream', '--excludeTaskDependencies']);
