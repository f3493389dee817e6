import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ContactDto } from '@touchpoint/shared';
import { Avatar } from '../../../ui/Avatar';
import { Button } from '../../../ui/Button';
import { Icon } from '../../../ui/Icon';
import { currentLocale } from '../../../lib/i18n';
import { MarketingHoldBadge } from '../../marketing/components/MarketingHoldBadge';
import { ContactPrivacyActions } from '../../privacy/components/ContactPrivacyActions';
import { useContact } from '../hooks/useContact';
import { contactName } from '../contact-name';
import { languageName, quietHoursText } from '../format/contact-format';
import { AddIdentityForm } from './AddIdentityForm';
import { ContactStory } from './ContactStory';
import { IdentityList } from './IdentityList';
import { PreferredChannelField } from './PreferredChannelField';
import './contacts.css';
import { useReadOnly } from '../../auth/hooks/useReadOnly';

export interface ContactPanelProps {
  /** The contact as the conversation brought it; shown without another request. */
  contact: ContactDto;
  currentConversationId: string;
  /** Closes the panel (shown as a button in its head). */
  onClose?: () => void;
}

/**
 * The customer beside a conversation: a compact summary with a way to the full profile, how they
 * prefer to be reached, their identities on every channel (an address they give can be added, and
 * when another contact has it, the two merged), and their other conversations.
 */
export function ContactPanel({
  contact: initial,
  currentConversationId,
  onClose,
}: ContactPanelProps) {
  const { t, i18n } = useTranslation();
  const { data } = useContact(initial.id, initial);
  const contact = data ?? initial;
  const [adding, setAdding] = useState(false);
  const readOnly = useReadOnly();
  const locale = currentLocale(i18n);
  const summary = [
    contact.company,
    contact.language ? languageName(contact.language, locale) : null,
    contact.quietHours
      ? t('contacts.header.quiet', { hours: quietHoursText(contact.quietHours) })
      : null,
  ].filter(Boolean);
  return (
    <aside
      id="contact-panel"
      className="tp-inbox__contact tp-contact"
      aria-labelledby="contact-panel-title"
      data-testid="contact-panel"
    >
      <div className="tp-contact__head">
        <Avatar name={contactName(contact.name, t, contact.createdAt)} />
        <div>
          <p className="tp-contact__eyebrow">{t('contact.panel')}</p>
          <h2 id="contact-panel-title" className="tp-contact__name">
            {contactName(contact.name, t, contact.createdAt)}
          </h2>
        </div>
        {onClose ? (
          <button
            type="button"
            className="tp-icon-button tp-contact__close"
            aria-label={t('contact.close')}
            title={t('contact.close')}
            onClick={onClose}
          >
            <Icon name="close" size={18} />
          </button>
        ) : null}
      </div>
      {summary.length > 0 ? (
        <p className="tp-contact__summary" data-testid="contact-summary">
          {summary.join(' · ')}
        </p>
      ) : null}
      <MarketingHoldBadge hold={contact.marketingHold} />
      <Link
        to={`/contacts/${contact.id}`}
        className="tp-button tp-button--secondary tp-contact__profile-link"
        data-testid="contact-open-profile"
      >
        {t('contacts.panel.openProfile')}
      </Link>

      <PreferredChannelField contact={contact} />

      <section aria-labelledby="contact-identities" className="tp-contact__section">
        <div className="tp-contact__section-head">
          <h3 id="contact-identities">{t('contact.identities')}</h3>
          {adding || readOnly ? null : (
            <Button
              variant="ghost"
              className="tp-contact__add"
              onClick={() => setAdding(true)}
              data-testid="identity-add"
            >
              {t('contacts.identities.add')}
            </Button>
          )}
        </div>
        <IdentityList contact={contact} />
        {adding ? (
          <AddIdentityForm
            key={contact.id}
            contact={contact}
            onDone={() => setAdding(false)}
            onMerged={() => setAdding(false)}
          />
        ) : null}
      </section>

      <section aria-labelledby="contact-conversations" className="tp-contact__section">
        <h3 id="contact-conversations">{t('contact.pastConversations')}</h3>
        <ContactStory
          conversations={contact.conversations}
          currentConversationId={currentConversationId}
        />
      </section>
      <ContactPrivacyActions contact={contact} />
    </aside>
  );
}
