import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ContactChangeDto } from '@touchpoint/shared';
import { LoadMoreButton } from '../../../ui/LoadMoreButton';
import { RetryAlert } from '../../../ui/RetryAlert';
import { Skeleton } from '../../../ui/Skeleton';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { currentLocale } from '../../../lib/i18n';
import { fullDateTime } from '../../inbox/format/relative-age';
import { changeValueText } from '../format/contact-format';
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
  const fields = Object.entries(change.changes);
  const facts = Object.entries(change.data).filter(
    ([, value]) =>
      typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean',
  );
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
      {fields.length > 0 ? (
        <ul className="tp-history__changes">
          {fields.map(([field, [before, after]]) => (
            <li key={field} data-testid="history-change">
              <span className="tp-history__field">{fieldLabel(field, t)}</span>{' '}
              <span className="tp-history__before">{changeValueText(before, t)}</span>
              {' → '}
              <span className="tp-history__after">{changeValueText(after, t)}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {facts.length > 0 ? (
        <p className="tp-history__facts">
          {facts
            .map(([key, value]) => `${fieldLabel(key, t)}: ${changeValueText(value, t)}`)
            .join(' · ')}
        </p>
      ) : null}
    </li>
  );
}

const FIELD_LABELS = [
  'name',
  'company',
  'language',
  'preferredChannel',
  'quietHours',
  'kind',
  'address',
  'purpose',
  'channel',
  'granted',
  'source',
  'body',
  'mergedContactName',
  'basis',
  'note',
] as const;
type LabelledField = (typeof FIELD_LABELS)[number];

/** A field as the profile names it; an attribute by its key; anything else as the API names it. */
function fieldLabel(field: string, t: TFunction): string {
  if ((FIELD_LABELS as readonly string[]).includes(field))
    return t(`contacts.fields.${field as LabelledField}`);
  if (field.startsWith('attributes.')) return field.slice('attributes.'.length);
  return field;
}
