import { useTranslation } from 'react-i18next';
import type { AttachmentDto } from '@touchpoint/shared';
import { Icon } from '../../../ui/Icon';

function formatSize(bytes: number, locale: string): string {
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

/** Images as thumbnails, everything else as a download link; all open in a new tab. */
export function AttachmentList({ attachments }: { attachments: AttachmentDto[] }) {
  const { t, i18n } = useTranslation();
  if (attachments.length === 0) return null;
  return (
    <ul className="tp-attachments" aria-label={t('inbox.thread.attachments')}>
      {attachments.map((attachment) => {
        const isImage = attachment.contentType.startsWith('image/');
        return (
          <li key={attachment.id}>
            <a
              className={`tp-attachment${isImage ? ' tp-attachment--image' : ''}`}
              href={attachment.url}
              target="_blank"
              rel="noopener noreferrer"
              title={t('inbox.thread.openAttachment', { name: attachment.filename })}
              data-testid="attachment"
            >
              {isImage ? (
                <img
                  className="tp-attachment__thumb"
                  src={attachment.url}
                  alt={attachment.filename}
                  loading="lazy"
                />
              ) : (
                <Icon name="paperclip" size={16} />
              )}
              <span className="tp-attachment__name">{attachment.filename}</span>
              <span className="tp-attachment__size">
                {formatSize(attachment.size, i18n.language)}
              </span>
            </a>
          </li>
        );
      })}
    </ul>
  );
}
