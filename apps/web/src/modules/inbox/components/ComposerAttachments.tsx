import { useRef, useState, type ClipboardEvent, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../../ui/Icon';
import { formatFileSize } from '../format/file-size';
import type { useComposerUploads } from '../hooks/useComposerUploads';
import './composer-attachments.css';

type Uploads = ReturnType<typeof useComposerUploads>;

/**
 * What makes the composer take files: dropped on it or pasted into it (images from the clipboard).
 * While `blockedReason` is set (the reply channel carries no files) nothing is taken.
 */
export function useFileDrop(uploads: Uploads, blockedReason: string | null) {
  const [dropping, setDropping] = useState(false);
  const hasFiles = (event: DragEvent) => [...event.dataTransfer.types].includes('Files');
  return {
    dropping,
    props: {
      onDragOver: (event: DragEvent<HTMLElement>) => {
        if (!hasFiles(event)) return;
        // Taken here either way: a file dropped where it is not wanted must not open in the tab.
        event.preventDefault();
        event.dataTransfer.dropEffect = blockedReason ? 'none' : 'copy';
        if (!blockedReason) setDropping(true);
      },
      onDragLeave: (event: DragEvent<HTMLElement>) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDropping(false);
      },
      onDrop: (event: DragEvent<HTMLElement>) => {
        setDropping(false);
        if (!hasFiles(event)) return;
        event.preventDefault();
        if (!blockedReason) uploads.add(event.dataTransfer.files);
      },
      onPaste: (event: ClipboardEvent<HTMLElement>) => {
        const files = [...event.clipboardData.files];
        if (files.length === 0 || blockedReason) return;
        // A screenshot is only a file; copied text with pictures still pastes its text.
        if (![...event.clipboardData.types].includes('text/plain')) event.preventDefault();
        uploads.add(files);
      },
    },
  };
}

/**
 * The reply's files: a paperclip to pick them, and a chip for each with its name, size, upload
 * progress and a button to take it off. A refused file says why (type, size, count) on its chip.
 */
export function ComposerAttachments({
  uploads,
  blockedReason,
}: {
  uploads: Uploads;
  /** Why this reply cannot carry files (its channel): the paperclip is disabled and says so. */
  blockedReason: string | null;
}) {
  const { t, i18n } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  return (
    <div className="tp-composer-attachments">
      {uploads.files.length > 0 ? (
        <ul className="tp-composer-files" aria-label={t('inbox.attachments.onReply')}>
          {uploads.files.map((file) => (
            <li
              key={file.key}
              className={`tp-composer-file${file.status === 'failed' ? ' tp-composer-file--failed' : ''}`}
              data-testid="composer-file"
              data-status={file.status}
            >
              <Icon name={file.status === 'failed' ? 'alert' : 'paperclip'} size={14} />
              <span className="tp-composer-file__name" title={file.name}>
                {file.name}
              </span>
              <span className="tp-composer-file__size">
                {formatFileSize(file.size, i18n.language)}
              </span>
              {file.status === 'uploading' ? (
                <progress
                  className="tp-composer-file__progress"
                  max={100}
                  value={Math.round(file.progress * 100)}
                  aria-label={t('inbox.attachments.uploading', { name: file.name })}
                />
              ) : null}
              {file.error ? (
                <span className="tp-composer-file__error" role="alert">
                  {file.error}
                </span>
              ) : null}
              <button
                type="button"
                className="tp-icon-button"
                aria-label={t('inbox.attachments.remove', { name: file.name })}
                title={t('inbox.attachments.remove', { name: file.name })}
                onClick={() => uploads.remove(file.key)}
              >
                <Icon name="close" size={14} />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <input
        ref={input}
        type="file"
        multiple
        hidden
        data-testid="composer-file-input"
        onChange={(event) => {
          if (event.target.files) uploads.add(event.target.files);
          event.target.value = '';
        }}
      />
      <button
        type="button"
        className="tp-icon-button"
        disabled={blockedReason !== null}
        aria-label={blockedReason ?? t('inbox.attachments.attach')}
        title={blockedReason ?? t('inbox.attachments.attach')}
        onClick={() => input.current?.click()}
        data-testid="composer-attach"
      >
        <Icon name="paperclip" size={16} />
      </button>
    </div>
  );
}
