/** A file size as people read it: 820 B, 14 KB, 2.4 MB. */
export function formatFileSize(bytes: number, locale: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}

/** The file's type as a short badge: its extension (PDF, DOCX), else the subtype of its MIME type. */
export function fileTypeLabel(filename: string, contentType: string): string {
  const ext = /\.([a-z0-9]{1,5})$/i.exec(filename)?.[1];
  return (ext ?? contentType.split('/')[1] ?? 'file').slice(0, 5).toUpperCase();
}
