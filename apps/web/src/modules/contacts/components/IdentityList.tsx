import { useTranslation } from 'react-i18next';
import type { ContactDto, IdentityDto } from '@touchpoint/shared';
import { Alert } from '../../../ui/Alert';
import { Icon } from '../../../ui/Icon';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { useRemoveIdentity } from '../hooks/useRemoveIdentity';
import { IdentityKindIcon } from './IdentityKindIcon';

export interface IdentityListProps {
  contact: ContactDto;
  /** Offer to remove unverified addresses (the profile); the panel only lists them. */
  removable?: boolean;
}

/**
 * The contact's addresses on every channel. A verified one carries a mark whose tooltip says what
 * proved it; an unverified one (typed in by staff, or given in a form) may be removed.
 */
export function IdentityList({ contact, removable = false }: IdentityListProps) {
  const { t } = useTranslation();
  const remove = useRemoveIdentity(contact.id);
  if (contact.identities.length === 0)
    return <p className="tp-empty__hint">{t('contact.noIdentities')}</p>;
  return (
    <>
      <ul className="tp-identities" data-testid="identity-list">
        {contact.identities.map((identity) => (
          <li key={identity.id} className="tp-identity" data-testid="identity">
            <IdentityKindIcon kind={identity.kind} />
            <span className="tp-visually-hidden">: </span>
            <span className="tp-identity__address">{identity.address}</span>
            {identity.verified ? (
              <VerifiedMark identity={identity} />
            ) : (
              <span className="tp-identity__unverified" data-testid="identity-unverified">
                {t('contacts.identities.unverified')}
              </span>
            )}
            {removable && !identity.verified ? (
              <button
                type="button"
                className="tp-icon-button tp-identity__remove"
                aria-label={t('contacts.identities.remove', { address: identity.address })}
                title={t('contacts.identities.remove', { address: identity.address })}
                disabled={remove.isPending}
                onClick={() => remove.mutate(identity.id)}
                data-testid="identity-remove"
              >
                <Icon name="close" size={14} />
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {remove.isError ? (
        <Alert tone="error" data-testid="identity-remove-error">
          {apiErrorMessage(remove.error, t)}
        </Alert>
      ) : null}
    </>
  );
}

/** The verified mark; the tooltip (and screen readers) say what proved the address. */
function VerifiedMark({ identity }: { identity: IdentityDto }) {
  const { t } = useTranslation();
  const proof = t(`contacts.identities.proof.${identity.kind}`);
  return (
    <span
      className="tp-identity__verified"
      title={proof}
      data-testid="identity-verified"
      tabIndex={0}
    >
      <Icon name="verified" size={14} />
      <span className="tp-visually-hidden">
        {t('contact.verified')}: {proof}
      </span>
    </span>
  );
}
