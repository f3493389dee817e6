import { createReadStream } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { extname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { FileStorage } from './file-storage';

/** Files under one directory, sharded by date; keys never contain user input but the extension. */
export class LocalFileStorage extends FileStorage {
  constructor(private readonly dir: string) {
    super();
  }

  async put(content: Buffer, hint: { filename: string }): Promise<string> {
    const ext = extname(hint.filename)
      .toLowerCase()
      .replace(/[^.a-z0-9]/g, '')
      .slice(0, 10);
    const day = new Date().toISOString().slice(0, 10);
    const key = `${day}/${randomUUID()}${ext}`;
    await mkdir(join(this.dir, day), { recursive: true });
    await writeFile(this.path(key), content, { flag: 'wx' });
    return key;
  }

  get(key: string): Promise<Buffer> {
    return readFile(this.path(key));
  }

  async stream(key: string): Promise<Readable> {
    return createReadStream(this.path(key));
  }

  async remove(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }

  private path(key: string): string {
    if (!/^\d{4}-\d{2}-\d{2}\/[0-9a-f-]{36}(\.[a-z0-9]{1,10})?$/.test(key))
      throw new Error(`Invalid storage key ${key}`);
    return resolve(this.dir, key);
  }
}
