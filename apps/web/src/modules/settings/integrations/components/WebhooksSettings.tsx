import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WebhookDto } from '@touchpoint/shared';
import { Button } from '../../../../ui/Button';
import { RetryAlert } from '../../../../ui/RetryAlert';
import { SettingsSection } from '../../../../ui/SettingsSection';
import { Skeleton } from '../../../../ui/Skeleton';
import { apiErrorMessage } from '../../../../lib/api-error-message';
import { useWebhooks } from '../hooks/useWebhooks';
import { DeleteWebhookDialog } from './DeleteWebhookDialog';
import { RotateWebhookSecretDialog } from './RotateWebhookSecretDialog';
import { WebhookCard } from './WebhookCard';
import { WebhookDialog } from './WebhookDialog';

type Open = { dialog: 'create' } | { dialog: 'edit' | 'rotate' | 'delete'; webhook: WebhookDto };

/** Settings → Integrations → Webhooks: where events go, each with its delivery log. */
export function WebhooksSettings() {
  const { t } = useTranslation();
  const webhooks = useWebhooks();
  const [open, setOpen] = useState<Open | null>(null);
  const close = () => setOpen(null);

  let content;
  if (webhooks.isPending)
    content = <Skeleton rows={2} variant="card" label={t('integrations.webhooks.loading')} />;
  else if (webhooks.isError)
    content = (
      <RetryAlert
        title={t('integrations.webhooks.error')}
        retryLabel={t('integrations.retry')}
        onRetry={() => void webhooks.refetch()}
      >
        {apiErrorMessage(webhooks.error, t)}
      </RetryAlert>
    );
  else if (webhooks.data.length === 0)
    content = (
      <p className="tp-field__hint" data-testid="webhook-list-empty">
        {t('integrations.webhooks.empty')}
      </p>
    );
  else
    content = (
      <ul
        className="tp-integrations__list"
        aria-label={t('integrations.webhooks.title')}
        data-testid="webhook-list"
      >
        {webhooks.data.map((webhook) => (
          <li key={webhook.id}>
            <WebhookCard
              webhook={webhook}
              onEdit={() => setOpen({ dialog: 'edit', webhook })}
              onRotate={() => setOpen({ dialog: 'rotate', webhook })}
              onDelete={() => setOpen({ dialog: 'delete', webhook })}
            />
          </li>
        ))}
      </ul>
    );

  return (
    <SettingsSection
      title={t('integrations.webhooks.title')}
      intro={t('integrations.webhooks.intro')}
      data-testid="settings-webhooks"
    >
      <div className="tp-integrations__toolbar">
        <Button onClick={() => setOpen({ dialog: 'create' })} data-testid="webhook-add">
          {t('integrations.webhooks.add')}
        </Button>
      </div>
      {content}
      {open?.dialog === 'create' ? <WebhookDialog onClose={close} /> : null}
      {open?.dialog === 'edit' ? <WebhookDialog webhook={open.webhook} onClose={close} /> : null}
      {open?.dialog === 'rotate' ? (
        <RotateWebhookSecretDialog webhook={open.webhook} onClose={close} />
      ) : null}
      {open?.dialog === 'delete' ? (
        <DeleteWebhookDialog webhook={open.webhook} onClose={close} />
      ) : null}
    </SettingsSection>
  );
}
