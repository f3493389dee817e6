export interface MultipartFile {
  field: string;
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface MultipartBody {
  body: Buffer;
  contentType: string;
}

/** A media type as a header may carry it; anything odd goes as bytes. */
export function safeType(contentType: string): string {
  const type = contentType.split(';')[0].trim().toLowerCase();
  return /^[\w.+-]+\/[\w.+-]+$/.test(type) ? type : 'application/octet-stream';
}

/**
 * A `multipart/form-data` body of text fields and one file, as providers take uploads (Telegram's
 * Bot API, Meta's Graph API). Encoded by Node's own FormData, which escapes quotes and line breaks
 * in names, so an agent's file name cannot end a header.
 */
export async function multipartBody(
  fields: Record<string, string>,
  file: MultipartFile,
): Promise<MultipartBody> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append(
    file.field,
    new Blob([file.content], { type: safeType(file.contentType) }),
    file.filename || 'file',
  );
  const encoded = new Response(form);
  return {
    body: Buffer.from(await encoded.arrayBuffer()),
    contentType: encoded.headers.get('content-type') ?? 'multipart/form-data',
  };
}
