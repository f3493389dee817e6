import { useTranslation } from 'react-i18next';
import type { ChannelDto } from '@touchpoint/shared';
import { Alert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { useDeleteChannel } from '../hooks/useDeleteChannel';
import { useUpdateChannel } from '../hooks/useUpdateChannel';

export interface DeleteChannelDialogProps {
  channel: ChannelDto;
  onClose: () => void;
  onDeleted: () => void;
}

/**
 * Asks before deleting, and says what the server does: a channel without messages goes for good,
 * one with conversations is refused (409), and disabling it is offered instead.
 */
export function DeleteChannelDialog({ channel, onClose, onDeleted }: DeleteChannelDialogProps) {
  const { t } = useTranslation();
  const remove = useDeleteChannel();
  const disable = useUpdateChannel();
  const inUse = remove.error?.status === 409 && remove.error.code === 'channels.in_use';

  return (
    <Dialog
      title={t('channels.delete.title', { name: channel.name })}
      description={t('channels.delete.body')}
      onClose={onClose}
      closeLabel={t('channels.delete.close')}
      data-testid="channel-delete-dialog"
    >
      <p className="tp-field__hint">{t('channels.delete.rule')}</p>
      {inUse ? (
        <Alert tone="error" data-testid="channel-delete-in-use">
          {t('channels.delete.inUse')}
        </Alert>
      ) : remove.isError ? (
        <Alert tone="error" title={t('channels.delete.failed')} data-testid="channel-delete-error">
          {apiErrorMessage(remove.error, t)}
        </Alert>
      ) : null}
      {disable.isError ? (
        <Alert tone="error" title={t('channels.card.toggleFailed', { name: channel.name })}>
          {apiErrorMessage(disable.error, t)}
        </Alert>
      ) : null}
      <div className="tp-dialog__footer">
        <Button variant="ghost" onClick={onClose} data-autofocus>
          {t('channels.delete.cancel')}
        </Button>
        {inUse && channel.enabled ? (
          <Button
            busy={disable.isPending}
            onClick={() =>
              disable.mutate({ id: channel.id, body: { enabled: false } }, { onSuccess: onClose })
            }
            data-testid="channel-disable-instead"
          >
            {t('channels.delete.disableInstead')}
          </Button>
        ) : null}
        {inUse ? null : (
          <Button
            className="tp-channel-delete__confirm"
            busy={remove.isPending}
            onClick={() => remove.mutate(channel.id, { onSuccess: onDeleted })}
            data-testid="channel-delete-confirm"
          >
            {t('channels.delete.confirm')}
          </Button>
        )}
      </div>
    </Dialog>
  );
}
