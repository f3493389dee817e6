// Helpers for the root npm scripts. Plain Node (no dependencies): they run before `npm install`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const apiEntry = join(root, 'dist/apps/api/apps/api/src/main.js');
export const migrateEntry = join(root, 'dist/apps/api/apps/api/src/database/migrate.cli.js');
export const bin = (name) => join(root, 'node_modules/.bin', name);

export function say(line = '') {
  process.stdout.write(`${line}\n`);
}

export function die(message) {
  process.stderr.write(`\n${message}\n\n`);
  process.exit(1);
}

export function checkNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    die(`Touchpoint needs Node.js 20.19 or newer; this is ${process.version}.`);
  }
}

/** Installs dependencies when node_modules is missing or older than package-lock.json. */
export function ensureDependencies() {
  checkNode();
  const marker = join(root, 'node_modules/.package-lock.json');
  const lock = join(root, 'package-lock.json');
  const fresh =
    existsSync(marker) && (!existsSync(lock) || statSync(marker).mtimeMs >= statSync(lock).mtimeMs);
  if (fresh) return;
  say('Installing dependencies (first run only, takes a minute)...');
  // `npm install` (not `npm ci`): it keeps the locked versions and adds the platform's optional
  // binaries (rollup, esbuild) when the lockfile was written on another platform.
  run('npm', ['install', '--no-audit', '--no-fund'], { quiet: false });
}

/** Runs a command to completion; exits with its message on failure. */
export function run(cmd, args, { quiet = false, env = {} } = {}) {
  const result = spawnSync(cmd, args, {
    cwd: root,
    stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', ...env },
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    if (quiet) process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
    die(`Command failed: ${cmd} ${args.join(' ')}`);
  }
}

/** Runs a command in the terminal to completion and returns its exit code (never exits itself). */
export function attempt(cmd, args, { env = {} } = {}) {
  const result = spawnSync(cmd, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', ...env },
  });
  return result.status ?? 1;
}

export function nx(args, options) {
  run(bin('nx'), args, options);
}

/** Builds api and web (Nx skips what has not changed). */
export function build() {
  say('Building api, web and widget...');
  nx(['run-many', '-t', 'build', '--projects=api,web,widget', '--outputStyle=static'], {
    quiet: true,
  });
}

/** Starts a long-running child that shares the terminal and forwards Ctrl-C. */
export function serve(cmd, args, env = {}) {
  const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
  return child;
}

/** Minimal .env reader for the scripts (the api itself uses dotenv). */
export function readDotenv() {
  const file = join(root, '.env');
  if (!existsSync(file)) return {};
  const env = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = line.match(/^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/);
    if (m) env[m[1]] = m[2].replace(/^(['"])(.*)\1$/, '$2');
  }
  return env;
}

/** Exits with a readable message when PostgreSQL or Redis is not reachable (same check the api runs). */
export function checkServicesOrExit({ serverOnly = false } = {}) {
  const result = spawnSync(
    process.execPath,
    [
      '-r',
      'ts-node/register/transpile-only',
      join(root, 'apps/api/src/core/preflight/preflight.cli.ts'),
      ...(serverOnly ? ['--server-only'] : []),
    ],
    {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, TS_NODE_PROJECT: join(root, 'apps/api/tsconfig.app.json') },
    },
  );
  if (result.status !== 0) process.exit(1);
}
