import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOCAL_JWT_SECRET_FILE, localJwtSecret } from './local-jwt-secret';

/** Runs `localJwtSecret(dir)` in a separate Node process and returns what it printed. */
function inAnotherProcess(dir: string): Promise<string> {
  const script = `process.stdout.write(require(${JSON.stringify(join(__dirname, 'local-jwt-secret.ts'))}).localJwtSecret(${JSON.stringify(dir)}))`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
      env: { ...process.env, TS_NODE_PROJECT: join(__dirname, '../../tsconfig.spec.json') },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(err))));
  });
}

describe('localJwtSecret', () => {
  it('processes starting at once (api and worker) agree on one secret and leave one file', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'touchpoint-secret-')), 'storage');
    const secrets = await Promise.all([1, 2, 3, 4].map(() => inAnotherProcess(dir)));
    expect(new Set(secrets).size).toBe(1);
    expect(secrets[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(readdirSync(dir)).toEqual([LOCAL_JWT_SECRET_FILE]);
    expect(localJwtSecret(dir)).toBe(secrets[0]);
  }, 60_000);
});
