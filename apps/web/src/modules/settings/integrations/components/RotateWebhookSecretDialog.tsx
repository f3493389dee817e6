import { useTranslation } from 'react-i18next';
import type { WebhookDto } from '@touchpoint/shared';
import { Alert } from '../../../../ui/Alert';
import { Button } from '../../../../ui/Button';
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
  return (
    <Dialog
      title={t('integrations.webhooks.rotate.title')}
      description={
        rotate.data ? undefined : t('integrations.webhooks.rotate.body', { url: webhook.url })
      }
      onClose={onClose}
      closeLabel={t('integrations.close')}
      data-testid="webhook-rotate-dialog"
    >
      {rotate.data ? (
        <>
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
        </>
      ) : (
        <>
          {rotate.isError ? (
            <Alert tone="error" title={t('integrations.webhooks.rotate.failed')}>
              {apiErrorMessage(rotate.error, t)}
            </Alert>
          ) : null}
          <div className="tp-dialog__footer">
            <Button variant="ghost" onClick={onClose} data-autofocus>
              {t('integrations.cancel')}
            </Button>
            <Button
              busy={rotate.isPending}
              onClick={() => rotate.mutate(webhook.id)}
              data-testid="webhook-rotate-confirm"
            >
              {t('integrations.webhooks.rotate.confirm')}
            </Button>
          </div>
        </>
      )}
    </Dialog>
  );
}
