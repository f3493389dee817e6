import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttachmentDto } from '@touchpoint/shared';
import { Icon } from '../../../ui/Icon';
import { fileTypeLabel, formatFileSize } from '../format/file-size';
import { ImageLightbox } from './ImageLightbox';
import './composer-attachments.css';

const isImage = (a: AttachmentDto) => /^image\/(png|jpe?g|gif|webp)$/.test(a.contentType);

/**
 * Images as thumbnails that open large in a lightbox (arrows move between them); every other file
 * as a chip with its type and size that downloads it.
 */
export function AttachmentList({ attachments }: { attachments: AttachmentDto[] }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState<number | null>(null);
  if (attachments.length === 0) return null;
  const images = attachments.filter(isImage);
  return (
    <>
      <ul className="tp-attachments" aria-label={t('inbox.thread.attachments')}>
        {attachments.map((attachment) => {
          const size = (
            <span className="tp-attachment__size">
              {formatFileSize(attachment.size, i18n.language)}
            </span>
          );
          if (isImage(attachment))
            return (
              <li key={attachment.id}>
                <button
                  type="button"
                  className="tp-attachment tp-attachment--image"
                  title={t('inbox.thread.openAttachment', { name: attachment.filename })}
                  onClick={() => setOpen(images.indexOf(attachment))}
                  data-testid="attachment"
                >
                  <img
                    className="tp-attachment__thumb"
                    src={attachment.url}
                    alt={attachment.filename}
                    loading="lazy"
                  />
                  <span className="tp-attachment__name">{attachment.filename}</span>
                  {size}
                </button>
              </li>
            );
          return (
            <li key={attachment.id}>
              <a
                className="tp-attachment"
                href={attachment.url}
                target="_blank"
                rel="noopener noreferrer"
                title={t('inbox.thread.openAttachment', { name: attachment.filename })}
                data-testid="attachment"
              >
                <Icon name="paperclip" size={16} />
                <span className="tp-attachment__type">
                  {fileTypeLabel(attachment.filename, attachment.contentType)}
                </span>
                <span className="tp-attachment__name">{attachment.filename}</span>
                {size}
              </a>
            </li>
          );
        })}
      </ul>
      {open !== null ? (
        <ImageLightbox
          images={images}
          index={open}
          onIndex={setOpen}
          onClose={() => setOpen(null)}
        />
      ) : null}
    </>
  );
}
