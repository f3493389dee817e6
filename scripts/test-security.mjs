// npm run test:security: the security suite. The api's attack specs and the access matrix run against
// the real PostgreSQL and Redis, the browser's (stored XSS) against the built app in Debian's chromium.
// Prints one table of what was tried and what held, then `security: N passed, N failed`; exits non-zero
// if anything failed. Extra arguments go to both jest runs (a file pattern, `--maxWorkers=1`).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  attempt,
  bin,
  build,
  checkServicesOrExit,
  die,
  ensureDependencies,
  say,
} from './lib/workspace.mjs';

const { formatTable, countRows } = createRequire(import.meta.url)(
  './lib/security-table-reporter.cjs',
);

ensureDependencies();
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  die(
    `The security suite opens the inbox in Chromium at ${chromium}.\n  Debian/Ubuntu: sudo apt-get install -y chromium\n  or set CHROMIUM_PATH.`,
  );
}
checkServicesOrExit({ serverOnly: true });
// The browser specs start the built app; Nx skips the build when its cache says it is fresh.
build();

const extra = process.argv.slice(2);
const isWorkers = (arg) => arg.startsWith('--maxWorkers') || arg === '-w';
/** `-w 2` and `--maxWorkers 2` take the next argument as their value. */
const takesValue = (arg) => arg === '-w' || arg === '--maxWorkers';
const runs = [
  {
    area: 'api security specs',
    args: [
      '-c',
      'apps/api/jest.security.config.ts',
      ...(extra.some(isWorkers) ? extra : ['--maxWorkers=2', ...extra]),
    ],
  },
  {
    // One browser and one server: the browser specs run one after the other.
    area: 'browser security specs',
    args: [
      '-c',
      'apps/web-e2e/jest.security.config.ts',
      '--runInBand',
      '--forceExit',
      ...extra.filter((arg, i) => !isWorkers(arg) && !takesValue(extra[i - 1] ?? '')),
    ],
  },
];

const dir = mkdtempSync(join(tmpdir(), 'touchpoint-security-'));
const rowsFile = join(dir, 'rows.jsonl');
const readRows = () =>
  existsSync(rowsFile)
    ? readFileSync(rowsFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line))
    : [];

const crashes = [];
for (const run of runs) {
  say(`\n==> ${run.area}`);
  const before = readRows().length;
  const code = attempt(bin('jest'), [...run.args, '--passWithNoTests'], {
    env: { SECURITY_TABLE_FILE: rowsFile },
  });
  // A run that failed without a failed test (setup crashed, no server) is a failure of its own.
  if (
    code !== 0 &&
    !readRows()
      .slice(before)
      .some((row) => row.failed > 0)
  ) {
    crashes.push({
      area: run.area,
      tried: `the run itself: jest exited with code ${code} (its output is above)`,
      result: 'BROKEN',
      passed: 0,
      failed: 1,
    });
  }
}

const rows = [...readRows(), ...crashes];
rmSync(dir, { recursive: true, force: true });
const { passed, failed } = countRows(rows);
say('\n==> Security suite: what was tried and what held\n');
say(formatTable(rows));
say(`\nsecurity: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
