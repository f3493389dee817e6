import { useTranslation } from 'react-i18next';
import type { WebhookDto } from '@touchpoint/shared';
import { Alert } from '../../../../ui/Alert';
import { Button } from '../../../../ui/Button';
import { Dialog } from '../../../../ui/Dialog';
import { apiErrorMessage } from '../../../../lib/api-error-message';
import { useDeleteWebhook } from '../hooks/useDeleteWebhook';

/** Asks before deleting a webhook and its delivery log; what is still pending is not sent. */
export function DeleteWebhookDialog({
  webhook,
  onClose,
}: {
  webhook: WebhookDto;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const remove = useDeleteWebhook();
  return (
    <Dialog
      title={t('integrations.webhooks.delete.title')}
      description={t('integrations.webhooks.delete.body', { url: webhook.url })}
      onClose={onClose}
      closeLabel={t('integrations.close')}
      data-testid="webhook-delete-dialog"
    >
      {remove.isError ? (
        <Alert tone="error" title={t('integrations.webhooks.delete.failed')}>
          {apiErrorMessage(remove.error, t)}
        </Alert>
      ) : null}
      <div className="tp-dialog__footer">
        <Button variant="ghost" onClick={onClose} data-autofocus>
          {t('integrations.cancel')}
        </Button>
        <Button
          busy={remove.isPending}
          onClick={() => remove.mutate(webhook.id, { onSuccess: onClose })}
          data-testid="webhook-delete-confirm"
        >
          {t('integrations.webhooks.delete.confirm')}
        </Button>
      </div>
    </Dialog>
  );
}
