import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactDto } from '@touchpoint/shared';
import { Alert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { useEraseContact } from '../hooks/useEraseContact';

/** What the admin may type to confirm: the contact's name as shown, or ERASE (any case). */
export function confirmsErasure(typed: string, name: string): boolean {
  const text = typed.trim();
  if (!text) return false;
  return text.toUpperCase() === 'ERASE' || (name.trim() !== '' && text === name.trim());
}

export interface EraseContactDialogProps {
  contact: ContactDto;
  onClose: () => void;
  onErased: () => void;
}

/**
 * "Erase personal data": says what goes and what stays, and erases only once the admin typed the
 * contact's name or ERASE. It cannot be undone.
 */
export function EraseContactDialog({ contact, onClose, onErased }: EraseContactDialogProps) {
  const { t } = useTranslation();
  const erase = useEraseContact(contact.id);
  const [typed, setTyped] = useState('');
  const inputId = useId();
  const hintId = useId();
  const confirmed = confirmsErasure(typed, contact.name);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!confirmed || erase.isPending) return;
    erase.mutate(undefined, { onSuccess: onErased });
  };

  return (
    <Dialog
      title={t('privacy.erase.title')}
      description={t('privacy.erase.description')}
      onClose={onClose}
      closeLabel={t('privacy.close')}
      data-testid="erase-dialog"
    >
      <form onSubmit={handleSubmit} noValidate>
        <ul className="tp-privacy__list">
          <li>{t('privacy.erase.goes')}</li>
          <li>{t('privacy.erase.stays')}</li>
          <li>{t('privacy.erase.final')}</li>
        </ul>
        <div className="tp-field">
          <label className="tp-field__label" htmlFor={inputId}>
            {contact.name.trim()
              ? t('privacy.erase.typeName', { name: contact.name.trim() })
              : t('privacy.erase.typeErase')}
          </label>
          <p id={hintId} className="tp-field__hint">
            {t('privacy.erase.typeHint')}
          </p>
          <input
            id={inputId}
            className="tp-field__input"
            value={typed}
            autoComplete="off"
            aria-describedby={hintId}
            onChange={(event) => setTyped(event.target.value)}
            data-autofocus
            data-testid="erase-confirm"
          />
        </div>
        {erase.isError ? (
          <Alert tone="error" data-testid="erase-error">
            {apiErrorMessage(erase.error, t)}
          </Alert>
        ) : null}
        <div className="tp-dialog__footer">
          <Button variant="ghost" onClick={onClose}>
            {t('privacy.cancel')}
          </Button>
          <Button
            type="submit"
            className="tp-privacy__danger"
            disabled={!confirmed}
            busy={erase.isPending}
            data-testid="erase-submit"
          >
            {t('privacy.erase.submit')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
