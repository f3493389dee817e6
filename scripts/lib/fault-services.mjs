// Throwaway PostgreSQL clusters and Redis servers for the fault suite, on spare loopback ports, so a
// scenario may stop, kill or empty them without touching the installation's own services.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, openSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';

/** A port nothing listens on right now (the kernel picks it; the shared 5432/6379 are never free). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Polls `check` until it returns a truthy value; fails with `what` after `ms`. */
export async function until(what, check, ms, everyMs = 100) {
  const deadline = Date.now() + ms;
  for (;;) {
    let value;
    try {
      value = await check();
    } catch {
      value = undefined;
    }
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${Math.round(ms / 1000)} s`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

function pgBinDir() {
  const base = '/usr/lib/postgresql';
  const override = process.env.PG_BIN;
  if (override) return override;
  if (!existsSync(base)) throw new Error(`No PostgreSQL binaries in ${base} (set PG_BIN)`);
  const version = readdirSync(base)
    .filter((v) => existsSync(join(base, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a))[0];
  if (!version) throw new Error(`No initdb under ${base} (set PG_BIN)`);
  return join(base, version, 'bin');
}

/** PostgreSQL refuses to run as root: as root, its programs run as the `postgres` user. */
function asPostgres(cmd, args) {
  return process.getuid?.() === 0
    ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]]
    : [cmd, args];
}

function runPg(bin, args, what) {
  const [cmd, argv] = asPostgres(join(pgBinDir(), bin), args);
  const result = spawnSync(cmd, argv, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${what} failed: ${result.stderr || result.stdout}`);
}

/** An own cluster in `dir` (trust auth on loopback only, no fsync: it is thrown away). */
export async function startPostgres(dir) {
  const port = await freePort();
  const data = join(dir, 'pgdata');
  mkdirSync(dir, { recursive: true });
  if (process.getuid?.() === 0) {
    const { uid, gid } = postgresIds();
    // A temporary directory is private to its creator: postgres must be able to pass through it.
    chmodSync(dirname(dir), 0o711);
    chownSync(dir, uid, gid);
  }
  runPg(
    'initdb',
    ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8'],
    'initdb',
  );
  const pg = {
    port,
    url: (db) => `postgres://postgres@127.0.0.1:${port}/${db}`,
    start() {
      runPg(
        'pg_ctl',
        [
          '-D',
          data,
          '-l',
          join(dir, 'postgres.log'),
          '-w',
          '-t',
          '60',
          '-o',
          `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`,
          'start',
        ],
        'pg_ctl start',
      );
    },
    stop(mode = 'fast') {
      runPg('pg_ctl', ['-D', data, '-m', mode, '-w', '-t', '60', 'stop'], 'pg_ctl stop');
    },
    /** Stops it if it runs; never throws (clean-up). */
    stopQuietly() {
      const [cmd, argv] = asPostgres(join(pgBinDir(), 'pg_ctl'), [
        '-D',
        data,
        '-m',
        'immediate',
        'stop',
      ]);
      spawnSync(cmd, argv, { stdio: 'ignore' });
    },
  };
  pg.start();
  return pg;
}

function postgresIds() {
  const out = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const outG = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (out.status !== 0)
    throw new Error('As root the suite needs a `postgres` user to run PostgreSQL');
  return { uid: Number(out.stdout.trim()), gid: Number(outG.stdout.trim()) };
}

/**
 * A Redis server in the foreground (its pid is ours to kill), with nothing persisted: a restart
 * comes back empty. `extra` adds options, e.g. ['--maxmemory-policy', 'allkeys-lru'].
 */
export async function startRedis(dir, extra = [], port) {
  port ??= await freePort();
  mkdirSync(dir, { recursive: true });
  const log = openSync(join(dir, `redis-${port}.log`), 'a');
  const redis = {
    port,
    url: `redis://127.0.0.1:${port}`,
    child: null,
    async start() {
      this.child = spawn(
        'redis-server',
        [
          '--port',
          String(port),
          '--bind',
          '127.0.0.1',
          '--save',
          '',
          '--appendonly',
          'no',
          '--dir',
          dir,
          ...extra,
        ],
        { stdio: ['ignore', log, log] },
      );
      const child = this.child;
      await until('Redis answers', () => !child.exitCode && ping(port), 10_000, 50);
    },
    /** kill -9: whatever it held is gone. */
    async kill() {
      const child = this.child;
      if (!child || child.exitCode !== null || child.signalCode) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    },
  };
  await redis.start();
  return redis;
}

/** One PING over a raw socket (no client library needed). */
function ping(port) {
  return new Promise((resolve) => {
    import('node:net').then(({ connect }) => {
      const socket = connect(port, '127.0.0.1');
      const done = (ok) => {
        socket.destroy();
        resolve(ok);
      };
      socket.setTimeout(1000, () => done(false));
      socket.once('error', () => done(false));
      socket.once('connect', () => socket.write('PING\r\n'));
      socket.once('data', (d) => done(d.toString().startsWith('+PONG')));
    });
  });
}
