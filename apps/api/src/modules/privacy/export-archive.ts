import { PassThrough, type Readable } from 'node:stream';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';

export interface ArchiveEntry {
  /** Path inside the archive, `/`-separated. */
  name: string;
  data: Uint8Array;
  /** Deflate it (text); stored as it is otherwise (files that are mostly compressed already). */
  compress: boolean;
}

/**
 * A zip archive of `entries`, streamed as they come: each entry is read (and may be fetched) only
 * when the one before is in the archive, so an export holds one file in memory at a time.
 */
export function zipArchive(entries: AsyncIterable<ArchiveEntry>): Readable {
  const out = new PassThrough();
  const zip = new Zip((err, chunk, final) => {
    if (err) {
      out.destroy(err);
      return;
    }
    out.write(Buffer.from(chunk));
    if (final) out.end();
  });
  void (async () => {
    try {
      for await (const entry of entries) {
        const file = entry.compress
          ? new ZipDeflate(entry.name, { level: 6 })
          : new ZipPassThrough(entry.name);
        zip.add(file);
        file.push(entry.data, true);
      }
      zip.end();
    } catch (err) {
      zip.terminate();
      out.destroy(err instanceof Error ? err : new Error(String(err)));
    }
  })();
  return out;
}

/** A file name safe as one path segment of an archive. */
export function archiveFileName(name: string): string {
  const safe = [...name]
    .map((ch) => (ch < ' ' || '\\/:*?"<>|'.includes(ch) ? '_' : ch))
    .join('')
    .replace(/^\.+/, '_')
    .trim()
    .slice(0, 150);
  return safe || 'file';
}
