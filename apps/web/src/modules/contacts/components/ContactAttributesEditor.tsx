import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactAttributes, ContactDto } from '@touchpoint/shared';
import { Alert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { Icon } from '../../../ui/Icon';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { apiFieldErrors } from '../format/contact-format';
import { useUpdateContact } from '../hooks/useUpdateContact';
import { useReadOnly } from '../../auth/hooks/useReadOnly';

type AttributeValue = ContactAttributes[string];

interface Row {
  /** Stable across edits of the key (React's key). */
  id: number;
  key: string;
  value: string;
  /** The stored value: kept as it is (a number stays a number) while the text is unchanged. */
  stored: AttributeValue | undefined;
}

const text = (value: AttributeValue | undefined) =>
  value === null || value === undefined ? '' : String(value);

function rowsOf(attributes: ContactAttributes): Row[] {
  return Object.entries(attributes).map(([key, value], index) => ({
    id: index,
    key,
    value: text(value),
    stored: value,
  }));
}

/** The rows as the API takes them: the whole set, removed keys as null. */
function attributesOf(rows: readonly Row[], before: ContactAttributes): ContactAttributes {
  const next: ContactAttributes = {};
  for (const key of Object.keys(before)) next[key] = null;
  for (const row of rows) {
    const key = row.key.trim();
    if (!key) continue;
    const value = row.value.trim();
    next[key] = value === '' ? null : value === text(row.stored) ? (row.stored ?? null) : value;
  }
  return next;
}

/**
 * The contact's custom attributes (customer number, contract, segment) as key/value rows. Saved as
 * a whole; the API's validation messages appear on the row they are about.
 */
export function ContactAttributesEditor({ contact }: { contact: ContactDto }) {
  const { t } = useTranslation();
  const readOnly = useReadOnly();
  const update = useUpdateContact(contact.id);
  const [rows, setRows] = useState<Row[] | null>(null);
  const formId = useId();
  const editing = rows !== null;
  const entries = Object.entries(contact.attributes).filter(([, value]) => value !== null);

  if (!editing)
    return (
      <div className="tp-attributes">
        {entries.length === 0 ? (
          <p className="tp-empty__hint">{t('contacts.attributes.empty')}</p>
        ) : (
          <dl className="tp-attributes__list" data-testid="attribute-list">
            {entries.map(([key, value]) => (
              <div key={key} className="tp-attributes__item">
                <dt>{key}</dt>
                <dd>{text(value)}</dd>
              </div>
            ))}
          </dl>
        )}
        {readOnly ? null : (
          <div>
            <Button
              variant="secondary"
              onClick={() => {
                update.reset();
                setRows(rowsOf(contact.attributes).filter((row) => row.stored !== null));
              }}
              data-testid="attributes-edit"
            >
              {t('contacts.attributes.edit')}
            </Button>
          </div>
        )}
      </div>
    );

  const errors = apiFieldErrors(update.error);
  const rowError = (row: Row) => errors[`attributes.${row.key.trim()}`];
  const placed = rows.some((row) => rowError(row));
  const setRow = (id: number, change: Partial<Row>) =>
    setRows(
      (current) => current?.map((row) => (row.id === id ? { ...row, ...change } : row)) ?? null,
    );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(
      { attributes: attributesOf(rows, contact.attributes) },
      { onSuccess: () => setRows(null) },
    );
  };

  return (
    <form className="tp-attributes" onSubmit={submit} noValidate data-testid="attributes-form">
      <p className="tp-field__hint">{t('contacts.attributes.hint')}</p>
      {rows.map((row, index) => {
        const error = rowError(row);
        return (
          <div key={row.id} className="tp-attributes__row" data-testid="attribute-row">
            <div className={`tp-field${error ? ' tp-field--invalid' : ''}`}>
              <label className="tp-visually-hidden" htmlFor={`${formId}-key-${row.id}`}>
                {t('contacts.attributes.key', { n: index + 1 })}
              </label>
              <input
                id={`${formId}-key-${row.id}`}
                className="tp-field__input"
                value={row.key}
                placeholder={t('contacts.attributes.keyPlaceholder')}
                maxLength={40}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `${formId}-error-${row.id}` : undefined}
                onChange={(event) => setRow(row.id, { key: event.target.value })}
                data-testid="attribute-key"
              />
            </div>
            <div className="tp-field">
              <label className="tp-visually-hidden" htmlFor={`${formId}-value-${row.id}`}>
                {t('contacts.attributes.value', { n: index + 1 })}
              </label>
              <input
                id={`${formId}-value-${row.id}`}
                className="tp-field__input"
                value={row.value}
                placeholder={t('contacts.attributes.valuePlaceholder')}
                maxLength={500}
                onChange={(event) => setRow(row.id, { value: event.target.value })}
                data-testid="attribute-value"
              />
            </div>
            <button
              type="button"
              className="tp-icon-button"
              aria-label={t('contacts.attributes.remove', { key: row.key || index + 1 })}
              title={t('contacts.attributes.remove', { key: row.key || index + 1 })}
              onClick={() => setRows((current) => current?.filter((r) => r.id !== row.id) ?? null)}
            >
              <Icon name="close" size={16} />
            </button>
            {error ? (
              <p
                id={`${formId}-error-${row.id}`}
                className="tp-field__error tp-attributes__error"
                data-testid="attribute-error"
              >
                {error}
              </p>
            ) : null}
          </div>
        );
      })}
      <div>
        <Button
          variant="ghost"
          onClick={() =>
            setRows((current) => [
              ...(current ?? []),
              {
                id: Math.max(-1, ...(current ?? []).map((row) => row.id)) + 1,
                key: '',
                value: '',
                stored: undefined,
              },
            ])
          }
          data-testid="attribute-add"
        >
          {t('contacts.attributes.add')}
        </Button>
      </div>
      {update.isError && !placed ? (
        <Alert tone="error" data-testid="attributes-error">
          {apiErrorMessage(update.error, t)}
        </Alert>
      ) : null}
      <div className="tp-contact-form__buttons">
        <Button variant="ghost" onClick={() => setRows(null)}>
          {t('contacts.dialog.cancel')}
        </Button>
        <Button type="submit" busy={update.isPending} data-testid="attributes-save">
          {t('contacts.attributes.save')}
        </Button>
      </div>
    </form>
  );
}
