import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import {
  COMPOSER_ATTACHMENT_MAX_BYTES,
  COMPOSER_ATTACHMENTS_MAX_COUNT,
  attachmentRefusal,
} from '@touchpoint/shared';
import { removeUpload, uploadFile } from '../../../api/uploads.api';
import type { ApiError } from '../../../api/http';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { useStore } from '../../../lib/store';
import {
  composerUploadsStore,
  dropFile,
  filesOf,
  patchFile,
  putFile,
  type ComposerFile,
} from '../states/composer-uploads.store';
import { draftsStore, updateDraft } from '../states/drafts.store';

const NONE: readonly ComposerFile[] = [];
/** Running uploads, to cancel when their chip is removed. */
const running = new Map<string, AbortController>();
let lastKey = 0;

/**
 * The files on the reply being written in one conversation: added (paperclip, drop, paste) they are
 * checked by the server's own rules (type, size, count) and uploaded at once with their progress;
 * Send waits until every one is uploaded and sends their ids.
 */
export function useComposerUploads(conversationId: string) {
  const { t } = useTranslation();
  const select = useCallback(
    (all: Readonly<Record<string, readonly ComposerFile[]>>) => all[conversationId] ?? NONE,
    [conversationId],
  );
  const files = useStore(composerUploadsStore, select);

  const add = (list: Iterable<File>) => {
    // A reply of files alone still needs its draft (and the draft's clientMessageId).
    if (!draftsStore.get()[conversationId]) updateDraft(conversationId, {});
    for (const file of list) {
      const key = `f${++lastKey}`;
      const base: ComposerFile = {
        key,
        name: file.name || t('inbox.attachments.pastedImage'),
        size: file.size,
        contentType: file.type,
        progress: 0,
        status: 'uploading',
        uploadId: null,
        error: null,
      };
      const refusal = attachmentRefusal({ name: base.name, size: file.size });
      const count = filesOf(conversationId).filter((f) => f.status !== 'failed').length;
      const error = refusal
        ? t(`inbox.attachments.refused.${refusal.reason}`, {
            name: base.name,
            max: COMPOSER_ATTACHMENT_MAX_BYTES / 1024 / 1024,
          })
        : count >= COMPOSER_ATTACHMENTS_MAX_COUNT
          ? t('inbox.attachments.refused.count', {
              name: base.name,
              max: COMPOSER_ATTACHMENTS_MAX_COUNT,
            })
          : null;
      if (error) {
        putFile(conversationId, { ...base, status: 'failed', error });
        continue;
      }
      putFile(conversationId, base);
      const controller = new AbortController();
      running.set(key, controller);
      const named = file.name ? file : new File([file], base.name, { type: file.type });
      uploadFile({
        conversationId,
        file: named,
        signal: controller.signal,
        onProgress: (progress) => patchFile(conversationId, key, { progress }),
      })
        .then((upload) =>
          patchFile(conversationId, key, { status: 'ready', progress: 1, uploadId: upload.id }),
        )
        .catch((err: unknown) => {
          if (err instanceof DOMException && err.name === 'AbortError') return;
          patchFile(conversationId, key, {
            status: 'failed',
            error: apiErrorMessage(err as ApiError, t),
          });
        })
        .finally(() => running.delete(key));
    }
  };

  const remove = (key: string) => {
    const file = filesOf(conversationId).find((f) => f.key === key);
    dropFile(conversationId, key);
    running.get(key)?.abort();
    // Best effort: an upload left behind is removed by the server when it expires.
    if (file?.uploadId) removeUpload(file.uploadId).catch(() => undefined);
  };

  return {
    files,
    add,
    remove,
    uploading: files.some((f) => f.status === 'uploading'),
    readyIds: files.flatMap((f) => (f.status === 'ready' && f.uploadId ? [f.uploadId] : [])),
  };
}
