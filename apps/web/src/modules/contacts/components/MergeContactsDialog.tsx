import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  mergeContactsSchema,
  type ContactListItemDto,
  type ContactMergeDto,
  type MergeContactsRequest,
} from '@touchpoint/shared';
import { Alert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { contactName } from '../contact-name';
import { useMergeContacts } from '../hooks/useMergeContacts';
import { ContactPicker } from './ContactPicker';

export type MergeBasis = MergeContactsRequest['basis'];
const BASES: readonly MergeBasis[] = ['verified_identifiers', 'confirmed_by_staff'];
const NOTE_MAX = 1000;

/** What the dialog needs to know of a contact to name it. */
export interface MergeParty {
  id: string;
  name: string;
}

export interface MergeContactsDialogProps {
  /** The contact the user is on. */
  contact: MergeParty;
  /** The other contact when already known (a suggestion, an address another contact holds). */
  other?: MergeParty;
  /** Which one is kept at first; the user may turn it round. Default: `contact`. */
  keep?: 'contact' | 'other';
  /** The reasons offered; an unverified suggestion offers only the staff's own check. */
  bases?: readonly MergeBasis[];
  onClose: () => void;
  onMerged: (merge: ContactMergeDto) => void;
}

/**
 * Merges two contacts into one: says plainly which is kept and which goes into it, and why they are
 * one person: identifiers both hold verified (the server checks), or the staff member's own check
 * with a note saying how it was confirmed.
 */
export function MergeContactsDialog({
  contact,
  other: given,
  keep: initialKeep = 'contact',
  bases = BASES,
  onClose,
  onMerged,
}: MergeContactsDialogProps) {
  const { t } = useTranslation();
  const merge = useMergeContacts();
  const [picked, setPicked] = useState<ContactListItemDto | null>(null);
  const [keep, setKeep] = useState(initialKeep);
  const [basis, setBasis] = useState<MergeBasis>(
    bases.includes('confirmed_by_staff') ? 'confirmed_by_staff' : 'verified_identifiers',
  );
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<{ other?: string; note?: string }>({});
  const formId = useId();
  const noteId = useId();
  const noteHintId = useId();
  const noteErrorId = useId();

  const other: MergeParty | null = given ?? picked;
  const [kept, merged] = keep === 'contact' ? [contact, other] : [other, contact];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!kept || !merged) {
      setErrors({ other: t('contacts.merge.pickRequired') });
      return;
    }
    const request: MergeContactsRequest =
      basis === 'confirmed_by_staff'
        ? { basis, otherContactId: merged.id, note }
        : { basis, otherContactId: merged.id };
    const parsed = mergeContactsSchema.safeParse(request);
    if (!parsed.success) {
      setErrors({ note: t('contacts.merge.noteRequired') });
      return;
    }
    setErrors({});
    merge.mutate({ keptContactId: kept.id, request: parsed.data }, { onSuccess: onMerged });
  };

  const name = (party: MergeParty | null) => (party ? contactName(party.name, t) : '…');
  return (
    <Dialog
      title={t('contacts.merge.title')}
      description={t('contacts.merge.intro')}
      closeLabel={t('contacts.dialog.close')}
      onClose={onClose}
      data-testid="contact-merge-dialog"
    >
      <form className="tp-contact-form" onSubmit={submit} noValidate>
        {given ? null : (
          <ContactPicker
            excludeId={contact.id}
            picked={picked}
            onPick={(choice) => {
              setPicked(choice);
              setErrors({});
            }}
            error={errors.other}
          />
        )}

        {other ? (
          <fieldset className="tp-contact-form__group">
            <legend className="tp-field__label">{t('contacts.merge.keepLabel')}</legend>
            {(['contact', 'other'] as const).map((option) => {
              const party = option === 'contact' ? contact : other;
              return (
                <label
                  key={option}
                  className={`tp-choice${keep === option ? ' tp-choice--active' : ''}`}
                >
                  <input
                    type="radio"
                    name={`${formId}-keep`}
                    checked={keep === option}
                    onChange={() => setKeep(option)}
                    data-testid={`contact-merge-keep-${option}`}
                  />
                  <span className="tp-choice__text">
                    <span className="tp-choice__title">
                      {t('contacts.merge.keep', { name: name(party) })}
                    </span>
                  </span>
                </label>
              );
            })}
            <p className="tp-merge-summary" data-testid="contact-merge-summary">
              {t('contacts.merge.summary', { kept: name(kept), merged: name(merged) })}
            </p>
          </fieldset>
        ) : null}

        <fieldset className="tp-contact-form__group">
          <legend className="tp-field__label">{t('contacts.merge.basisLabel')}</legend>
          {bases.map((option) => (
            <label
              key={option}
              className={`tp-choice${basis === option ? ' tp-choice--active' : ''}`}
            >
              <input
                type="radio"
                name={`${formId}-basis`}
                value={option}
                checked={basis === option}
                onChange={() => setBasis(option)}
                data-testid={`contact-merge-basis-${option}`}
              />
              <span className="tp-choice__text">
                <span className="tp-choice__title">{t(`contacts.merge.basis.${option}`)}</span>
                <span className="tp-choice__hint">{t(`contacts.merge.basisHint.${option}`)}</span>
              </span>
            </label>
          ))}
        </fieldset>

        {basis === 'confirmed_by_staff' ? (
          <div className={`tp-field${errors.note ? ' tp-field--invalid' : ''}`}>
            <label className="tp-field__label" htmlFor={noteId}>
              {t('contacts.merge.note')}
            </label>
            <p id={noteHintId} className="tp-field__hint">
              {t('contacts.merge.noteHint')}
            </p>
            <textarea
              id={noteId}
              className="tp-field__input tp-contact-form__textarea"
              rows={3}
              value={note}
              required
              maxLength={NOTE_MAX}
              aria-invalid={errors.note ? true : undefined}
              aria-describedby={errors.note ? `${noteHintId} ${noteErrorId}` : noteHintId}
              onChange={(event) => setNote(event.target.value)}
              data-testid="contact-merge-note"
            />
            {errors.note ? (
              <p
                id={noteErrorId}
                className="tp-field__error"
                data-testid="contact-merge-note-error"
              >
                {errors.note}
              </p>
            ) : null}
          </div>
        ) : null}

        {merge.isError ? (
          <Alert tone="error" data-testid="contact-merge-error">
            {apiErrorMessage(merge.error, t)}
          </Alert>
        ) : null}
        <div className="tp-dialog__footer">
          <Button variant="ghost" onClick={onClose}>
            {t('contacts.dialog.cancel')}
          </Button>
          <Button type="submit" busy={merge.isPending} data-testid="contact-merge-submit">
            {merged && kept
              ? t('contacts.merge.submitNamed', { merged: name(merged), kept: name(kept) })
              : t('contacts.merge.submit')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
