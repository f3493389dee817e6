import type { Readable } from 'node:stream';

/** Where attachment bytes live. Local disk by default; an object store can implement the same. */
export abstract class FileStorage {
  /** Stores `content` and returns its key. */
  abstract put(content: Buffer, hint: { filename: string; contentType: string }): Promise<string>;
  abstract get(key: string): Promise<Buffer>;
  abstract stream(key: string): Promise<Readable>;
  abstract remove(key: string): Promise<void>;
}
