import { useTranslation } from 'react-i18next';
import type { ContactDto } from '@touchpoint/shared';
import { Icon } from '../../../ui/Icon';
import { LogCallButton } from './LogCallButton';
import './reply-window.css';

/** The number to call: the contact's phone, else a phone or WhatsApp identity. */
function phoneOf(contact: ContactDto): string | null {
  return (
    contact.phone ??
    contact.identities.find((i) => i.kind === 'phone' || i.kind === 'whatsapp')?.address ??
    null
  );
}

/** The contact prefers a phone call: their number, and the call logged from right here. */
export function PhonePreferenceHint({
  conversationId,
  contact,
}: {
  conversationId: string;
  contact: ContactDto;
}) {
  const { t } = useTranslation();
  const phone = phoneOf(contact);
  return (
    <div className="tp-prefers-phone" role="note" data-testid="prefers-phone">
      <Icon name="phone" size={16} />
      <p className="tp-prefers-phone__text">
        <strong>{t('inbox.composer.prefersPhone')}</strong>{' '}
        {phone ? (
          <a href={`tel:${phone}`} data-testid="prefers-phone-number">
            {phone}
          </a>
        ) : (
          <span>{t('inbox.composer.noPhoneNumber')}</span>
        )}
      </p>
      <LogCallButton conversationId={conversationId} data-testid="prefers-phone-log-call" />
    </div>
  );
}
