import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WebhookDto } from '@touchpoint/shared';
import { Button } from '../../../../ui/Button';
import { WebhookDeliveries } from './WebhookDeliveries';

export interface WebhookCardProps {
  webhook: WebhookDto;
  onEdit: () => void;
  onRotate: () => void;
  onDelete: () => void;
}

/** One webhook: where it sends, what, whether it is on; its delivery log opens below it. */
export function WebhookCard({ webhook, onEdit, onRotate, onDelete }: WebhookCardProps) {
  const { t } = useTranslation();
  const [showLog, setShowLog] = useState(false);
  const titleId = useId();
  const logId = useId();
  const events = webhook.events.includes('*')
    ? t('integrations.webhooks.allEvents')
    : webhook.events.join(', ');
  return (
    <article className="tp-integrations__card" aria-labelledby={titleId} data-testid="webhook-card">
      <div className="tp-integrations__card-head">
        <div>
          <h3 id={titleId} className="tp-integrations__card-title">
            <code>{webhook.url}</code>
          </h3>
          {webhook.description ? <p className="tp-field__hint">{webhook.description}</p> : null}
          <p className="tp-field__hint" data-testid="webhook-events">
            {events}
            {webhook.includeNotes ? ` · ${t('integrations.webhooks.withNotes')}` : ''}
          </p>
        </div>
        <span
          className={`tp-integrations__status tp-integrations__status--${webhook.active ? 'delivered' : 'off'}`}
          data-testid="webhook-state"
        >
          {webhook.active ? t('integrations.webhooks.on') : t('integrations.webhooks.off')}
        </span>
      </div>
      <div className="tp-integrations__actions">
        <Button
          variant="secondary"
          aria-expanded={showLog}
          aria-controls={logId}
          onClick={() => setShowLog((open) => !open)}
          data-testid="webhook-show-deliveries"
        >
          {showLog ? t('integrations.deliveries.hide') : t('integrations.deliveries.show')}
        </Button>
        <Button variant="secondary" onClick={onEdit} data-testid="webhook-edit">
          {t('integrations.edit')}
        </Button>
        <Button variant="secondary" onClick={onRotate} data-testid="webhook-rotate">
          {t('integrations.webhooks.rotate.button')}
        </Button>
        <Button variant="ghost" onClick={onDelete} data-testid="webhook-delete">
          {t('integrations.delete')}
        </Button>
      </div>
      <div id={logId} hidden={!showLog}>
        {showLog ? <WebhookDeliveries webhookId={webhook.id} /> : null}
      </div>
    </article>
  );
}
