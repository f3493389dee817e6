import { useDeferredValue, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactListItemDto } from '@touchpoint/shared';
import { Alert } from '../../../ui/Alert';
import { Skeleton } from '../../../ui/Skeleton';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { contactName } from '../contact-name';
import { useContactList } from '../hooks/useContactList';

export interface ContactPickerProps {
  /** Not offered (the contact the user is on). */
  excludeId: string;
  picked: ContactListItemDto | null;
  onPick: (contact: ContactListItemDto) => void;
  error?: string;
}

/** Finds a contact by name, email, phone, company or any address, and picks one of the matches. */
export function ContactPicker({ excludeId, picked, onPick, error }: ContactPickerProps) {
  const { t } = useTranslation();
  const inputId = useId();
  const errorId = useId();
  const [q, setQ] = useState('');
  const query = useDeferredValue(q.trim());
  const list = useContactList(query, { enabled: query.length > 0 });
  const matches = (list.data ?? []).filter((contact) => contact.id !== excludeId);

  let results = null;
  if (query.length > 0) {
    if (list.isPending) results = <Skeleton rows={2} label={t('contacts.list.loading')} />;
    else if (list.isError) results = <Alert tone="error">{apiErrorMessage(list.error, t)}</Alert>;
    else if (matches.length === 0)
      results = <p className="tp-empty__hint">{t('contacts.picker.none', { q: query })}</p>;
    else
      results = (
        <ul className="tp-contact-picker__results" data-testid="contact-picker-results">
          {matches.map((contact) => (
            <li key={contact.id}>
              <label
                className={`tp-choice${picked?.id === contact.id ? ' tp-choice--active' : ''}`}
              >
                <input
                  type="radio"
                  name={`${inputId}-pick`}
                  checked={picked?.id === contact.id}
                  onChange={() => onPick(contact)}
                />
                <span className="tp-choice__text">
                  <span className="tp-choice__title">{contactName(contact.name, t)}</span>
                  <span className="tp-choice__hint">
                    {[contact.company, contact.email, contact.phone].filter(Boolean).join(' · ')}
                  </span>
                </span>
              </label>
            </li>
          ))}
        </ul>
      );
  }

  return (
    <div className={`tp-field tp-contact-picker${error ? ' tp-field--invalid' : ''}`}>
      <label className="tp-field__label" htmlFor={inputId}>
        {t('contacts.picker.label')}
      </label>
      <input
        id={inputId}
        type="search"
        className="tp-field__input"
        value={q}
        placeholder={t('contacts.picker.placeholder')}
        onChange={(event) => setQ(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        data-autofocus
        data-testid="contact-picker-search"
      />
      {results}
      {error ? (
        <p id={errorId} className="tp-field__error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
