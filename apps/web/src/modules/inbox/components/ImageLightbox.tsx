import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttachmentDto } from '@touchpoint/shared';
import { Dialog } from '../../../ui/Dialog';
import { Icon } from '../../../ui/Icon';
import './composer-attachments.css';

/**
 * One image of a message large, in a dialog: arrows (keys and buttons) move between the message's
 * images, Escape closes; focus stays inside and returns to the thumbnail that opened it.
 */
export function ImageLightbox({
  images,
  index,
  onIndex,
  onClose,
}: {
  images: AttachmentDto[];
  index: number;
  onIndex: (index: number) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const image = images[index];
  if (!image) return null;
  const many = images.length > 1;
  const move = (step: number) => onIndex((index + step + images.length) % images.length);
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (!many) return;
    if (event.key === 'ArrowRight') move(1);
    else if (event.key === 'ArrowLeft') move(-1);
    else return;
    event.preventDefault();
  };
  return (
    // Keys from anywhere in the dialog reach this wrapper (React events follow the tree, not the DOM).
    <span style={{ display: 'contents' }} onKeyDown={onKeyDown}>
      <Dialog
        title={image.filename}
        onClose={onClose}
        closeLabel={t('inbox.attachments.close')}
        data-testid="image-lightbox"
      >
        <div className="tp-lightbox">
          <img className="tp-lightbox__image" src={image.url} alt={image.filename} />
          <div className="tp-lightbox__nav">
            {many ? (
              <button
                type="button"
                className="tp-icon-button"
                aria-label={t('inbox.attachments.previous')}
                title={t('inbox.attachments.previous')}
                onClick={() => move(-1)}
              >
                <Icon name="back" size={16} />
              </button>
            ) : null}
            <span aria-live="polite">
              {t('inbox.attachments.position', { index: index + 1, count: images.length })}
            </span>
            {many ? (
              <button
                type="button"
                className="tp-icon-button"
                aria-label={t('inbox.attachments.next')}
                title={t('inbox.attachments.next')}
                onClick={() => move(1)}
                data-autofocus
              >
                <Icon name="back" size={16} className="tp-lightbox__next-icon" />
              </button>
            ) : null}
            <a href={image.url} target="_blank" rel="noopener noreferrer" download={image.filename}>
              {t('inbox.attachments.download')}
            </a>
          </div>
        </div>
      </Dialog>
    </span>
  );
}
