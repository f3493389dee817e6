import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ContactDto } from '@touchpoint/shared';
import { Avatar } from '../../../ui/Avatar';
import { Icon } from '../../../ui/Icon';
import { RelativeTime } from '../../inbox/components/RelativeTime';
import { StatusPill } from '../../inbox/components/StatusPill';
import { IDENTITY_ICONS } from '../../inbox/format/channels';
import { useContact } from '../hooks/useContact';
import { contactName } from '../contact-name';
import { PreferredChannelField } from './PreferredChannelField';

export interface ContactPanelProps {
  /** The contact as the conversation brought it; shown without another request. */
  contact: ContactDto;
  currentConversationId: string;
  /** Closes the panel (shown as a button in its head). */
  onClose?: () => void;
}

/**
 * The customer: how they prefer to be reached, their identities on every channel and their other
 * conversations.
 */
export function ContactPanel({
  contact: initial,
  currentConversationId,
  onClose,
}: ContactPanelProps) {
  const { t } = useTranslation();
  const { data } = useContact(initial.id, initial);
  const contact = data ?? initial;
  return (
    <aside
      id="contact-panel"
      className="tp-inbox__contact tp-contact"
      aria-labelledby="contact-panel-title"
      data-testid="contact-panel"
    >
      <div className="tp-contact__head">
        <Avatar name={contactName(contact.name, t)} />
        <div>
          <p className="tp-contact__eyebrow">{t('contact.panel')}</p>
          <h2 id="contact-panel-title" className="tp-contact__name">
            {contactName(contact.name, t)}
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

      <PreferredChannelField contact={contact} />

      <section aria-labelledby="contact-identities" className="tp-contact__section">
        <h3 id="contact-identities">{t('contact.identities')}</h3>
        {contact.identities.length === 0 ? (
          <p className="tp-empty__hint">{t('contact.noIdentities')}</p>
        ) : (
          <ul className="tp-identities">
            {contact.identities.map((identity) => {
              const kind = t(`contact.identityKinds.${identity.kind}`);
              return (
                <li key={identity.id} className="tp-identity" data-testid="identity">
                  <span className="tp-identity__kind" title={kind}>
                    <Icon name={IDENTITY_ICONS[identity.kind]} size={16} />
                    <span className="tp-visually-hidden">{kind}: </span>
                  </span>
                  <span className="tp-identity__address">{identity.address}</span>
                  {identity.verified ? (
                    <span
                      className="tp-identity__verified"
                      title={t('contact.verified')}
                      data-testid="identity-verified"
                    >
                      <Icon name="verified" size={14} />
                      <span className="tp-visually-hidden">{t('contact.verified')}</span>
                    </span>
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <section aria-labelledby="contact-conversations" className="tp-contact__section">
        <h3 id="contact-conversations">{t('contact.pastConversations')}</h3>
        <ul className="tp-contact__conversations">
          {contact.conversations.map((conversation) => {
            const current = conversation.id === currentConversationId;
            return (
              <li key={conversation.id}>
                <Link
                  to={`/inbox/${conversation.id}`}
                  className="tp-contact__conversation"
                  aria-current={current ? 'page' : undefined}
                  data-testid="contact-conversation"
                >
                  <span className="tp-contact__conversation-subject">
                    {conversation.subject ?? t('contact.noSubject')}
                    {current ? (
                      <span className="tp-contact__current"> · {t('contact.current')}</span>
                    ) : null}
                  </span>
                  <span className="tp-contact__conversation-meta">
                    <StatusPill status={conversation.status} />
                    <RelativeTime at={conversation.lastActivityAt} />
                  </span>
                </Link>
              </li>
            );
          })}
        </ul>
      </section>
    </aside>
  );
}
