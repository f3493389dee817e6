import { useTranslation } from 'react-i18next';
import type { WebhookDto } from '@touchpoint/shared';
import { ConfirmDialog } from '../../../../ui/ConfirmDialog';
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
    <ConfirmDialog
      title={t('integrations.webhooks.delete.title')}
      description={t('integrations.webhooks.delete.body', { url: webhook.url })}
      confirmLabel={t('integrations.webhooks.delete.confirm')}
      cancelLabel={t('integrations.cancel')}
      closeLabel={t('integrations.close')}
      onConfirm={() => remove.mutate(webhook.id, { onSuccess: onClose })}
      onClose={onClose}
      busy={remove.isPending}
      failure={
        remove.isError
          ? {
              title: t('integrations.webhooks.delete.failed'),
              message: apiErrorMessage(remove.error, t),
            }
          : undefined
      }
      data-testid="webhook-delete-dialog"
      confirmTestId="webhook-delete-confirm"
    />
  );
}
