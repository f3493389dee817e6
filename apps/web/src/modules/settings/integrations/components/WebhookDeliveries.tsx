import { useTranslation } from 'react-i18next';
import { Alert } from '../../../../ui/Alert';
import { Button } from '../../../../ui/Button';
import { RetryAlert } from '../../../../ui/RetryAlert';
import { Skeleton } from '../../../../ui/Skeleton';
import { apiErrorMessage } from '../../../../lib/api-error-message';
import { formatMoment } from '../format/integration-format';
import { useRedeliverWebhook } from '../hooks/useRedeliverWebhook';
import { useWebhookDeliveries } from '../hooks/useWebhookDeliveries';

/** The latest deliveries of one webhook: when, which event, how it went; each can be sent again. */
export function WebhookDeliveries({ webhookId }: { webhookId: string }) {
  const { t, i18n } = useTranslation();
  const deliveries = useWebhookDeliveries(webhookId);
  const redeliver = useRedeliverWebhook();
  const locale = i18n.resolvedLanguage ?? 'en';

  if (deliveries.isPending)
    return <Skeleton rows={2} label={t('integrations.deliveries.loading')} />;
  if (deliveries.isError)
    return (
      <RetryAlert
        title={t('integrations.deliveries.error')}
        retryLabel={t('integrations.retry')}
        onRetry={() => void deliveries.refetch()}
      >
        {apiErrorMessage(deliveries.error, t)}
      </RetryAlert>
    );
  if (deliveries.data.length === 0)
    return (
      <p className="tp-field__hint" data-testid="webhook-deliveries-empty">
        {t('integrations.deliveries.empty')}
      </p>
    );
  return (
    <>
      {redeliver.isError ? (
        <Alert tone="error" title={t('integrations.deliveries.redeliverFailed')}>
          {apiErrorMessage(redeliver.error, t)}
        </Alert>
      ) : null}
      <table className="tp-integrations__table" data-testid="webhook-deliveries">
        <caption className="tp-visually-hidden">{t('integrations.deliveries.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('integrations.deliveries.time')}</th>
            <th scope="col">{t('integrations.deliveries.event')}</th>
            <th scope="col">{t('integrations.deliveries.status')}</th>
            <th scope="col">{t('integrations.deliveries.attempts')}</th>
            <th scope="col">{t('integrations.deliveries.response')}</th>
            <th scope="col">
              <span className="tp-visually-hidden">{t('integrations.deliveries.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {deliveries.data.map((d) => (
            <tr key={d.id} data-testid="webhook-delivery">
              <td>{formatMoment(d.createdAt, locale)}</td>
              <td>
                <code>{d.eventType}</code>
              </td>
              <td>
                <span
                  className={`tp-integrations__status tp-integrations__status--${d.status}`}
                  data-testid="webhook-delivery-status"
                >
                  {t(`integrations.deliveries.statuses.${d.status}`)}
                </span>
                {d.status === 'pending' && d.nextAttemptAt ? (
                  <span className="tp-field__hint">
                    {' '}
                    {t('integrations.deliveries.nextAttempt', {
                      time: formatMoment(d.nextAttemptAt, locale),
                    })}
                  </span>
                ) : null}
              </td>
              <td>{d.attempts}</td>
              <td data-testid="webhook-delivery-response">
                {[d.lastStatusCode, d.lastError].filter((part) => part !== null).join(' · ') || '—'}
              </td>
              <td>
                <Button
                  variant="secondary"
                  busy={redeliver.isPending && redeliver.variables === d.id}
                  onClick={() => redeliver.mutate(d.id)}
                  aria-label={t('integrations.deliveries.redeliverLabel', {
                    event: d.eventType,
                    time: formatMoment(d.createdAt, locale),
                  })}
                  data-testid="webhook-redeliver"
                >
                  {t('integrations.deliveries.redeliver')}
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
