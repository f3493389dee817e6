import { randomBytes } from 'node:crypto';
import type { MultipartBody } from './graph-api.client';

export interface MultipartFile {
  field: string;
  filename: string;
  contentType: string;
  content: Buffer;
}

/** A `multipart/form-data` body (RFC 7578) of text fields and one file, as Graph API uploads take it. */
export function multipartBody(fields: Record<string, string>, file: MultipartFile): MultipartBody {
  const boundary = `touchpoint-${randomBytes(16).toString('hex')}`;
  const parts: Buffer[] = Object.entries(fields).map(([name, value]) =>
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
    ),
  );
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; ` +
        `filename="${headerSafe(file.filename) || 'file'}"\r\n` +
        `Content-Type: ${safeType(file.contentType)}\r\n\r\n`,
    ),
    file.content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** A media type as a header may carry it; anything odd goes as bytes. */
export function safeType(contentType: string): string {
  const type = contentType.split(';')[0].trim().toLowerCase();
  return /^[\w.+-]+\/[\w.+-]+$/.test(type) ? type : 'application/octet-stream';
}

/** A file name agents uploaded may hold quotes or line breaks: neither may end the header. */
function headerSafe(name: string): string {
  return name.replace(/[\r\n]+/g, ' ').replace(/["\\]/g, '_');
}
