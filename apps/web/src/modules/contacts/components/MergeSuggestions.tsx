import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ContactDto, ContactMergeDto, MergeSuggestionDto } from '@touchpoint/shared';
import { Alert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { Icon } from '../../../ui/Icon';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { currentLocale } from '../../../lib/i18n';
import { fullDateTime } from '../../inbox/format/relative-age';
import { contactName } from '../contact-name';
import { useDismissMergeSuggestion } from '../hooks/useDismissMergeSuggestion';
import { useMergeSuggestions } from '../hooks/useMergeSuggestions';
import { IdentityKindIcon } from './IdentityKindIcon';
import { MergeContactsDialog } from './MergeContactsDialog';
import { ProfileSection } from './ProfileSection';
import { useReadOnly } from '../../auth/hooks/useReadOnly';

/**
 * Contacts that may be this same person, with the evidence: which identifiers, whether the channel
 * verified them, when they were seen. Nothing when there are none.
 */
export function MergeSuggestions({
  contact,
  onMerged,
}: {
  contact: ContactDto;
  onMerged: (merge: ContactMergeDto) => void;
}) {
  const { t } = useTranslation();
  const suggestions = useMergeSuggestions(contact.id);
  const dismiss = useDismissMergeSuggestion(contact.id);
  const [merging, setMerging] = useState<MergeSuggestionDto | null>(null);
  // Merging is a change: someone who only reads is not asked to decide.
  const readOnly = useReadOnly();
  if (readOnly || !suggestions.data || suggestions.data.length === 0) return null;
  return (
    <ProfileSection
      title={t('contacts.suggestions.title')}
      className="tp-suggestions"
      data-testid="merge-suggestions"
    >
      <p className="tp-field__hint">{t('contacts.suggestions.intro')}</p>
      <ul className="tp-suggestions__list">
        {suggestions.data.map((suggestion) => (
          <li key={suggestion.id} className="tp-suggestion" data-testid="merge-suggestion">
            <div className="tp-suggestion__who">
              <Link to={`/contacts/${suggestion.contact.id}`} className="tp-suggestion__name">
                {contactName(suggestion.contact.name, t)}
              </Link>
              <span className="tp-suggestion__detail">
                {[suggestion.contact.company, suggestion.contact.email, suggestion.contact.phone]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
            </div>
            <Evidence suggestion={suggestion} />
            <div className="tp-suggestion__actions">
              <Button
                variant="secondary"
                onClick={() => setMerging(suggestion)}
                data-testid="suggestion-merge"
              >
                {t('contacts.suggestions.merge')}
              </Button>
              <Button
                variant="ghost"
                busy={dismiss.isPending && dismiss.variables === suggestion.id}
                onClick={() => dismiss.mutate(suggestion.id)}
                data-testid="suggestion-dismiss"
              >
                {t('contacts.suggestions.dismiss')}
              </Button>
            </div>
          </li>
        ))}
      </ul>
      {dismiss.isError ? <Alert tone="error">{apiErrorMessage(dismiss.error, t)}</Alert> : null}
      {merging ? (
        <MergeContactsDialog
          contact={contact}
          other={merging.contact}
          bases={merging.verified ? ['verified_identifiers'] : ['confirmed_by_staff']}
          onClose={() => setMerging(null)}
          onMerged={(merge) => {
            setMerging(null);
            onMerged(merge);
          }}
        />
      ) : null}
    </ProfileSection>
  );
}

function Evidence({ suggestion }: { suggestion: MergeSuggestionDto }) {
  const { t, i18n } = useTranslation();
  const locale = currentLocale(i18n);
  return (
    <ul className="tp-evidence" aria-label={t('contacts.suggestions.evidence')}>
      {suggestion.evidence.map((evidence, index) => (
        <li key={`${evidence.kind}:${evidence.address}:${index}`} className="tp-evidence__item">
          {evidence.kind === 'name' ? (
            <span className="tp-identity__kind" title={t('contacts.suggestions.sameName')}>
              <Icon name="user" size={16} />
              <span className="tp-visually-hidden">{t('contacts.suggestions.sameName')}: </span>
            </span>
          ) : (
            <IdentityKindIcon kind={evidence.kind} />
          )}
          <span className="tp-evidence__address">{evidence.address}</span>
          <span
            className={`tp-evidence__state tp-evidence__state--${evidence.verified ? 'verified' : 'unverified'}`}
            data-testid="evidence-state"
          >
            {evidence.verified
              ? t('contacts.suggestions.verified')
              : t('contacts.suggestions.unverified')}
          </span>
          <span className="tp-evidence__seen">
            {t('contacts.suggestions.seen', { at: fullDateTime(evidence.seenAt, locale) })}
          </span>
        </li>
      ))}
    </ul>
  );
}
