import { useTranslation } from 'react-i18next';
import type { ContactChangeDto } from '@touchpoint/shared';
import { LoadMoreButton } from '../../../ui/LoadMoreButton';
import { RetryAlert } from '../../../ui/RetryAlert';
import { Skeleton } from '../../../ui/Skeleton';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { currentLocale } from '../../../lib/i18n';
import { fullDateTime } from '../../inbox/format/relative-age';
import { changeFacts, changeLines } from '../format/contact-change';
import { useContactHistory } from '../hooks/useContactHistory';

/** Who changed what on the contact and when, each field before → after; newest first. */
export function ContactHistory({ contactId }: { contactId: string }) {
  const { t } = useTranslation();
  const history = useContactHistory(contactId);
  if (history.isPending) return <Skeleton rows={3} label={t('contacts.history.loading')} />;
  if (history.isError)
    return (
      <RetryAlert
        title={t('contacts.history.error')}
        retryLabel={t('inbox.list.retry')}
        onRetry={() => void history.refetch()}
      >
        {apiErrorMessage(history.error, t)}
      </RetryAlert>
    );
  if (history.data.length === 0)
    return <p className="tp-empty__hint">{t('contacts.history.empty')}</p>;
  return (
    <>
      <ol className="tp-history" data-testid="contact-history">
        {history.data.map((change) => (
          <HistoryEntry key={change.id} change={change} />
        ))}
      </ol>
      <LoadMoreButton query={history} testId="history-more" />
    </>
  );
}

function HistoryEntry({ change }: { change: ContactChangeDto }) {
  const { t, i18n } = useTranslation();
  const locale = currentLocale(i18n);
  const lines = changeLines(change, t);
  const facts = changeFacts(change, t);
  return (
    <li className="tp-history__entry" data-testid="history-entry">
      <p className="tp-history__head">
        <span className="tp-history__kind">{t(`contacts.history.kinds.${change.kind}`)}</span>
        <span className="tp-history__who">
          {t('contacts.history.by', {
            actor: change.actor?.name ?? t('contacts.system'),
            at: fullDateTime(change.createdAt, locale),
          })}
        </span>
      </p>
      {facts.length > 0 ? <p className="tp-history__facts">{facts.join(' · ')}</p> : null}
      {lines.length > 0 ? (
        <ul className="tp-history__changes">
          {lines.map((line) => (
            <li key={line.key} data-testid="history-change">
              <span className="tp-history__field">{line.label}</span>{' '}
              <span className="tp-history__before">{line.before}</span>
              {' → '}
              <span className="tp-history__after">{line.after}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}
