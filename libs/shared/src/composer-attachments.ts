/** Largest file an agent may attach to a reply. */
export const COMPOSER_ATTACHMENT_MAX_BYTES = 25 * 1024 * 1024;
/** Most files on one reply. */
export const COMPOSER_ATTACHMENTS_MAX_COUNT = 10;
/** How long an uploaded file waits for its reply before it is removed. */
export const COMPOSER_UPLOAD_KEEP_HOURS = 24;

/** File name endings refused as attachments: programs and scripts a customer could be tricked into running. */
export const BLOCKED_ATTACHMENT_EXTENSIONS = [
  'exe',
  'msi',
  'bat',
  'cmd',
  'com',
  'scr',
  'pif',
  'cpl',
  'dll',
  'jar',
  'js',
  'jse',
  'vbs',
  'vbe',
  'wsf',
  'wsh',
  'hta',
  'ps1',
  'psm1',
  'reg',
  'lnk',
  'sh',
  'app',
  'apk',
  'dmg',
  'iso',
] as const;

/** Why a file cannot be attached (type or size), or null; the same rule on both sides. */
export function attachmentRefusal(file: {
  name: string;
  size: number;
}): { reason: 'type' | 'size' | 'empty'; message: string } | null {
  const ext = /\.([^.]+)$/.exec(file.name.trim().toLowerCase())?.[1] ?? '';
  if ((BLOCKED_ATTACHMENT_EXTENSIONS as readonly string[]).includes(ext))
    return { reason: 'type', message: `${file.name} is a .${ext} file, which cannot be attached` };
  if (file.size > COMPOSER_ATTACHMENT_MAX_BYTES)
    return {
      reason: 'size',
      message: `${file.name} is larger than ${COMPOSER_ATTACHMENT_MAX_BYTES / 1024 / 1024} MB`,
    };
  if (file.size === 0) return { reason: 'empty', message: `${file.name} is empty` };
  return null;
}

/** A file uploaded for a reply not yet sent; its id goes into the reply's `attachmentIds`. */
export interface ComposerUploadDto {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  expiresAt: string;
}
