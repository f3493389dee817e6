import { useTranslation } from 'react-i18next';
import type { DeliveryStatus as Status, MessageDto } from '@touchpoint/shared';
import { Button } from '../../../ui/Button';
import { Icon, type IconName } from '../../../ui/Icon';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { useRetryMessage } from '../hooks/useRetryMessage';

const ICONS: Record<Status, IconName> = {
  queued: 'clock',
  sending: 'send',
  sent: 'check',
  delivered: 'checkDouble',
  read: 'checkDouble',
  failed: 'alert',
};

/** Where a reply is on its way to the customer; a failed one says why and can be sent again. */
export function DeliveryStatus({ message }: { message: MessageDto }) {
  const { t } = useTranslation();
  const retry = useRetryMessage();
  const status = message.deliveryStatus;
  if (!status) return null;
  return (
    <div
      className={`tp-delivery tp-delivery--${status}`}
      data-testid="delivery-status"
      data-status={status}
    >
      <span className="tp-delivery__state">
        <Icon name={ICONS[status]} size={14} />
        <span>{t(`inbox.delivery.${status}`)}</span>
      </span>
      {status === 'failed' ? (
        <>
          {message.deliveryError ? (
            <span className="tp-delivery__error" data-testid="delivery-error">
              {t('inbox.delivery.reason', { error: message.deliveryError })}
            </span>
          ) : null}
          <Button
            variant="secondary"
            className="tp-delivery__retry"
            icon={<Icon name="retry" size={14} />}
            busy={retry.isPending}
            onClick={() => retry.mutate(message.id)}
          >
            {t('inbox.delivery.retry')}
          </Button>
          {retry.isError ? (
            <span className="tp-delivery__error" role="alert">
              {apiErrorMessage(retry.error, t)}
            </span>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
