import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactDto, ContactMergeDto } from '@touchpoint/shared';
import { Avatar } from '../../../ui/Avatar';
import { Button } from '../../../ui/Button';
import { Icon } from '../../../ui/Icon';
import { currentLocale } from '../../../lib/i18n';
import { MarketingHoldBadge } from '../../marketing/components/MarketingHoldBadge';
import { contactName } from '../contact-name';
import { languageName, preferredChannelLabel, quietHoursText } from '../format/contact-format';
import { ContactDetailsDialog } from './ContactDetailsDialog';
import { MergeContactsDialog } from './MergeContactsDialog';
import { useReadOnly } from '../../auth/hooks/useReadOnly';

/**
 * The head of the profile: who the customer is at one look (name, company, language, how they
 * prefer to be reached, when not to), and what can be done with the whole contact.
 */
export function ContactProfileHeader({
  contact,
  onMerged,
}: {
  contact: ContactDto;
  onMerged: (merge: ContactMergeDto) => void;
}) {
  const { t, i18n } = useTranslation();
  const readOnly = useReadOnly();
  const locale = currentLocale(i18n);
  const [dialog, setDialog] = useState<'details' | 'merge' | null>(null);
  const name = contactName(contact.name, t, contact.createdAt);
  const facts: {
    key: string;
    icon: Parameters<typeof Icon>[0]['name'];
    label: string;
    text: string;
  }[] = [];
  if (contact.company)
    facts.push({
      key: 'company',
      icon: 'contacts',
      label: t('contacts.fields.company'),
      text: contact.company,
    });
  if (contact.language)
    facts.push({
      key: 'language',
      icon: 'chat',
      label: t('contacts.fields.language'),
      text: languageName(contact.language, locale),
    });
  if (contact.preferredChannel)
    facts.push({
      key: 'preferred',
      icon: contact.preferredChannel === 'phone' ? 'phone' : 'send',
      label: t('contacts.fields.preferredChannel'),
      text: t('contacts.header.prefers', {
        channel: preferredChannelLabel(contact.preferredChannel, t),
      }),
    });
  if (contact.quietHours)
    facts.push({
      key: 'quiet',
      icon: 'clock',
      label: t('contacts.fields.quietHours'),
      text: t('contacts.header.quiet', { hours: quietHoursText(contact.quietHours) }),
    });

  return (
    <header className="tp-profile__head" data-testid="contact-header">
      <Avatar name={name} />
      <div className="tp-profile__identity">
        <div className="tp-profile__title-line">
          <h1 id="contact-profile-title" className="tp-page__title" data-testid="contact-name">
            {name}
          </h1>
          <MarketingHoldBadge hold={contact.marketingHold} />
          {contact.erasedAt ? (
            <span className="tp-profile__erased" data-testid="contact-erased">
              {t('contacts.header.erased', { date: new Date(contact.erasedAt) })}
            </span>
          ) : null}
        </div>
        {facts.length > 0 ? (
          <ul className="tp-profile__facts" data-testid="contact-facts">
            {facts.map((fact) => (
              <li key={fact.key} title={fact.label} data-testid={`contact-fact-${fact.key}`}>
                <Icon name={fact.icon} size={14} />
                <span className="tp-visually-hidden">{fact.label}: </span>
                {fact.text}
              </li>
            ))}
          </ul>
        ) : (
          <p className="tp-page__intro">{t('contacts.header.noFacts')}</p>
        )}
      </div>
      {readOnly ? null : (
        <div className="tp-profile__actions">
          <Button
            variant="secondary"
            onClick={() => setDialog('details')}
            data-testid="contact-edit"
          >
            {t('contacts.header.edit')}
          </Button>
          <Button
            variant="secondary"
            onClick={() => setDialog('merge')}
            data-testid="contact-merge"
          >
            {t('contacts.header.mergeWith')}
          </Button>
        </div>
      )}
      {dialog === 'details' ? (
        <ContactDetailsDialog contact={contact} onClose={() => setDialog(null)} />
      ) : null}
      {dialog === 'merge' ? (
        <MergeContactsDialog
          contact={contact}
          onClose={() => setDialog(null)}
          onMerged={(merge) => {
            setDialog(null);
            onMerged(merge);
          }}
        />
      ) : null}
    </header>
  );
}
