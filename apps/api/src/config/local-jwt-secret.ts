import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** File inside STORAGE_DIR that keeps the generated signing secret of this installation. */
export const LOCAL_JWT_SECRET_FILE = '.jwt-secret';

const MIN_LENGTH = 32;

/**
 * The signing secret of an installation started without JWT_SECRET (never in production): made
 * at random on the first start and kept in `<storageDir>/.jwt-secret` (mode 0600), so tokens
 * survive restarts and no two installations share a key. The file appears atomically (written
 * aside, then hard-linked, which fails if it exists), so an api and a worker starting at once
 * agree on one secret. Throws an Error with a readable message when the file cannot be used.
 */
export function localJwtSecret(storageDir: string): string {
  const file = join(storageDir, LOCAL_JWT_SECRET_FILE);
  const existing = readSecret(file);
  if (existing !== undefined) return existing;

  mkdirSync(storageDir, { recursive: true, mode: 0o700 });
  const draft = `${file}.${process.pid}.${randomBytes(6).toString('hex')}`;
  writeFileSync(draft, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(draft, file);
  } catch (err) {
    // Another process was first: its secret wins.
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    unlinkSync(draft);
  }
  const secret = readSecret(file);
  if (secret === undefined) throw new Error(`${file} could not be created`);
  return secret;
}

function readSecret(file: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  const secret = text.trim();
  if (secret.length < MIN_LENGTH) {
    throw new Error(
      `${file} holds no usable secret (fewer than ${MIN_LENGTH} characters): delete it to make a new one, or set JWT_SECRET`,
    );
  }
  return secret;
}
