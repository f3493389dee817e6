import { randomBytes } from 'node:crypto';

export interface MultipartFile {
  field: string;
  filename: string;
  contentType: string;
  content: Buffer;
}

/** A `multipart/form-data` body (RFC 7578) of text fields and one file, as the Bot API takes uploads. */
export function multipartBody(
  fields: Record<string, string>,
  file: MultipartFile,
): { body: Buffer; contentType: string } {
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
        `Content-Type: ${/^[\w.+-]+\/[\w.+-]+$/.test(file.contentType) ? file.contentType : 'application/octet-stream'}\r\n\r\n`,
    ),
    file.content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** A file name agents uploaded may hold quotes or line breaks: neither may end the header. */
function headerSafe(name: string): string {
  return name.replace(/[\r\n]+/g, ' ').replace(/["\\]/g, '_');
}
