import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  addIdentitySchema,
  IDENTITY_KINDS,
  type ContactDto,
  type ContactMergeDto,
  type IdentityKind,
} from '@touchpoint/shared';
import { Alert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { apiFieldErrors } from '../format/contact-format';
import { useAddIdentity } from '../hooks/useAddIdentity';
import { useContact } from '../hooks/useContact';
import { contactName } from '../contact-name';
import { MergeContactsDialog } from './MergeContactsDialog';

export interface AddIdentityFormProps {
  contact: ContactDto;
  /** Closes the form (after an address was added, or on Cancel). */
  onDone: () => void;
  /** After the contact was merged with the one who held the address. */
  onMerged?: (merge: ContactMergeDto) => void;
}

/**
 * Adds an address the customer gave (an anonymous visitor tells their email). When another contact
 * already has it, the API says so and names that contact: the form offers to merge the two.
 */
export function AddIdentityForm({ contact, onDone, onMerged }: AddIdentityFormProps) {
  const { t } = useTranslation();
  const add = useAddIdentity(contact.id);
  const [kind, setKind] = useState<IdentityKind>('email');
  const [address, setAddress] = useState('');
  const [addressError, setAddressError] = useState<string | undefined>();
  const kindId = useId();
  const addressId = useId();
  const errorId = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = addIdentitySchema.safeParse({ kind, address });
    if (!parsed.success) {
      setAddressError(t('contacts.identities.addressRequired'));
      return;
    }
    setAddressError(undefined);
    add.mutate(parsed.data, {
      onSuccess: () => {
        setAddress('');
        onDone();
      },
    });
  };

  const fieldError = addressError ?? apiFieldErrors(add.error)['address'];
  const holder = add.error?.status === 409 ? add.error.related['contactId'] : undefined;
  return (
    <form className="tp-add-identity" onSubmit={submit} noValidate data-testid="add-identity">
      <div className="tp-add-identity__fields">
        <div className="tp-field">
          <label className="tp-field__label" htmlFor={kindId}>
            {t('contacts.identities.kind')}
          </label>
          <select
            id={kindId}
            className="tp-select"
            value={kind}
            onChange={(event) => setKind(event.target.value as IdentityKind)}
            data-testid="add-identity-kind"
          >
            {IDENTITY_KINDS.map((option) => (
              <option key={option} value={option}>
                {t(`contact.identityKinds.${option}`)}
              </option>
            ))}
          </select>
        </div>
        <div
          className={`tp-field tp-add-identity__address${fieldError ? ' tp-field--invalid' : ''}`}
        >
          <label className="tp-field__label" htmlFor={addressId}>
            {t('contacts.identities.address')}
          </label>
          <input
            id={addressId}
            className="tp-field__input"
            value={address}
            maxLength={255}
            onChange={(event) => setAddress(event.target.value)}
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={fieldError ? errorId : undefined}
            data-autofocus
            data-testid="add-identity-address"
          />
          {fieldError ? (
            <p id={errorId} className="tp-field__error">
              {fieldError}
            </p>
          ) : null}
        </div>
      </div>
      {add.isError && !fieldError ? (
        <Alert
          tone="error"
          data-testid="add-identity-error"
          action={
            holder ? (
              <MergeWithHolder contact={contact} holderId={holder} onMerged={onMerged} />
            ) : undefined
          }
        >
          {apiErrorMessage(add.error, t)}
        </Alert>
      ) : null}
      <div className="tp-add-identity__buttons">
        <Button variant="ghost" onClick={onDone}>
          {t('contacts.dialog.cancel')}
        </Button>
        <Button type="submit" busy={add.isPending} data-testid="add-identity-submit">
          {t('contacts.identities.addSubmit')}
        </Button>
      </div>
    </form>
  );
}

/** "Merge with <the contact who has the address>": loads that contact, then offers the merge. */
function MergeWithHolder({
  contact,
  holderId,
  onMerged,
}: {
  contact: ContactDto;
  holderId: string;
  onMerged?: (merge: ContactMergeDto) => void;
}) {
  const { t } = useTranslation();
  const holder = useContact(holderId);
  const [open, setOpen] = useState(false);
  if (!holder.data) return null;
  const name = contactName(holder.data.name, t);
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)} data-testid="merge-with-holder">
        {t('contacts.identities.mergeWith', { name })}
      </Button>
      {open ? (
        <MergeContactsDialog
          contact={contact}
          other={holder.data}
          keep="other"
          onClose={() => setOpen(false)}
          onMerged={(merge) => {
            setOpen(false);
            onMerged?.(merge);
          }}
        />
      ) : null}
    </>
  );
}
