import { useTranslation } from 'react-i18next';
import type { WebhookDto } from '@touchpoint/shared';
import { Button } from '../../../../ui/Button';
import { ConfirmDialog } from '../../../../ui/ConfirmDialog';
import { Dialog } from '../../../../ui/Dialog';
import { apiErrorMessage } from '../../../../lib/api-error-message';
import { useRotateWebhookSecret } from '../hooks/useRotateWebhookSecret';
import { SecretReveal } from './SecretReveal';

/** Asks before replacing the signing secret (the old one stops at once), then shows the new one. */
export function RotateWebhookSecretDialog({
  webhook,
  onClose,
}: {
  webhook: WebhookDto;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const rotate = useRotateWebhookSecret();
  if (!rotate.data)
    return (
      <ConfirmDialog
        title={t('integrations.webhooks.rotate.title')}
        description={t('integrations.webhooks.rotate.body', { url: webhook.url })}
        confirmLabel={t('integrations.webhooks.rotate.confirm')}
        cancelLabel={t('integrations.cancel')}
        closeLabel={t('integrations.close')}
        onConfirm={() => rotate.mutate(webhook.id)}
        onClose={onClose}
        busy={rotate.isPending}
        failure={
          rotate.isError
            ? {
                title: t('integrations.webhooks.rotate.failed'),
                message: apiErrorMessage(rotate.error, t),
              }
            : undefined
        }
        data-testid="webhook-rotate-dialog"
        confirmTestId="webhook-rotate-confirm"
      />
    );
  return (
    <Dialog
      title={t('integrations.webhooks.rotate.title')}
      onClose={onClose}
      closeLabel={t('integrations.close')}
      data-testid="webhook-rotate-dialog"
    >
      <SecretReveal
        label={t('integrations.webhooks.secret')}
        value={rotate.data.secret}
        hint={t('integrations.webhooks.secretHint')}
      />
      <div className="tp-dialog__footer">
        <Button onClick={onClose} data-autofocus data-testid="secret-done">
          {t('integrations.done')}
        </Button>
      </div>
    </Dialog>
  );
}
