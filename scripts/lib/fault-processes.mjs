// The api and the worker as separate operating-system processes of the built server, each logging to
// its own file, so a scenario can kill -9 one of them and count what the others wrote.
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { until } from './fault-services.mjs';
import { apiEntry, root } from './workspace.mjs';

export class AppProcess {
  /**
   * @param name   label in logs, e.g. `api-1`
   * @param role   `api` or `worker`
   * @param env    the environment on top of the suite's (DATABASE_URL, REDIS_URL, PORT, ...)
   * @param logDir where `<name>.log` (stdout and stderr, appended across restarts) goes
   */
  constructor(name, role, env, logDir) {
    this.name = name;
    this.role = role;
    this.env = env;
    this.logFile = join(logDir, `${name}.log`);
    this.errFile = join(logDir, `${name}.err.log`);
    this.child = null;
    this.starts = 0;
  }

  get port() {
    return Number(this.env.PORT);
  }

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid() {
    return this.child?.pid;
  }

  get alive() {
    return Boolean(this.child && this.child.exitCode === null && this.child.signalCode === null);
  }

  /** Bytes of log so far: scenarios count what was written between two marks. */
  logSize() {
    try {
      return statSync(this.logFile).size + statSync(this.errFile).size;
    } catch {
      return 0;
    }
  }

  /** Starts the process; with `ready`, waits until it serves (api: health 200; worker: its banner). */
  async start({ ready = true, timeoutMs = 90_000 } = {}) {
    const out = openSync(this.logFile, 'a');
    const err = openSync(this.errFile, 'a');
    this.outMark = this.logSizeOf(this.logFile);
    this.child = spawn(process.execPath, [apiEntry], {
      cwd: root,
      env: { ...process.env, ...this.env, ROLE: this.role },
      stdio: ['ignore', out, err],
    });
    closeSync(out);
    closeSync(err);
    this.starts += 1;
    this.exited = new Promise((resolve) =>
      this.child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    if (ready) await this.ready(timeoutMs);
    return this;
  }

  logSizeOf(file) {
    try {
      return statSync(file).size;
    } catch {
      return 0;
    }
  }

  async ready(timeoutMs) {
    const child = this.child;
    await until(
      `${this.name} ready`,
      async () => {
        if (child.exitCode !== null || child.signalCode !== null)
          throw Object.assign(new Error('exited'), { fatal: true });
        if (this.role === 'api') {
          const res = await fetch(`${this.url}/api/health`, { signal: AbortSignal.timeout(2000) });
          return res.status === 200;
        }
        return readFileSync(this.logFile, 'utf8').slice(this.outMark).includes('worker is running');
      },
      timeoutMs,
      200,
    ).catch((e) => {
      if (child.exitCode !== null)
        throw new Error(
          `${this.name} exited with ${child.exitCode} while starting:\n${this.tail()}`,
        );
      throw e;
    });
    if (child.exitCode !== null)
      throw new Error(`${this.name} exited with ${child.exitCode} while starting:\n${this.tail()}`);
  }

  /** kill -9, and wait until the kernel has reaped it. */
  async kill() {
    if (!this.alive) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }

  /** A clean stop (SIGTERM), then kill -9 after `ms`. */
  async stop(ms = 10_000) {
    if (!this.alive) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), ms);
    await this.exited;
    clearTimeout(timer);
  }

  async restart() {
    await this.kill();
    return this.start();
  }

  /** Last lines of both logs, for a failure message. */
  tail(lines = 15) {
    const read = (f) => {
      try {
        return readFileSync(f, 'utf8');
      } catch {
        return '';
      }
    };
    return `${read(this.logFile)}${read(this.errFile)}`
      .trimEnd()
      .split('\n')
      .slice(-lines)
      .join('\n');
  }
}

/** Where each process's logs end now. */
export function logMarks(processes) {
  return processes.map((p) => ({ p, out: p.logSizeOf(p.logFile), err: p.logSizeOf(p.errFile) }));
}

/** Log text written between `marks` and `endMarks` (or now), both from `logMarks`. */
export function logSince(marks, endMarks) {
  let text = '';
  for (const [i, { p, out, err }] of marks.entries()) {
    const end = endMarks?.[i];
    for (const [file, from, to] of [
      [p.logFile, out, end?.out],
      [p.errFile, err, end?.err],
    ]) {
      try {
        text += readFileSync(file).subarray(from, to).toString('utf8');
      } catch {
        // Never written: nothing to count.
      }
    }
  }
  return text;
}
