import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { NotificationDto, NotificationKind } from '@touchpoint/shared';
import { Avatar } from '../../../ui/Avatar';
import { Icon, type IconName } from '../../../ui/Icon';
import { contactName } from '../../contacts/contact-name';
import { RelativeTime } from '../../inbox/components/RelativeTime';
import { notificationExcerpt, notificationSentence } from '../format/notification-text';

/** What stands in for the avatar when no person did it (an escalation, automatic assignment). */
const SYSTEM_ICONS: Record<NotificationKind, IconName> = {
  mention: 'note',
  team_mention: 'note',
  'handoff.requested': 'handoff',
  'handoff.accepted': 'handoff',
  'handoff.declined': 'handoff',
  'handoff.completed': 'handoff',
  'handoff.escalated': 'alert',
  'handoff.nudged': 'clock',
  'sla.at_risk': 'clock',
  'sla.breached': 'alert',
  'conversation.assigned': 'inbox',
  'suggestion.waiting': 'note',
};

export interface NotificationItemProps {
  notification: NotificationDto;
  /** The item was chosen: it is marked read, and its conversation opens (the link's job). */
  onOpen: (notification: NotificationDto) => void;
}

/** One notification: who, what happened, the excerpt, when; unread ones stand out. */
export function NotificationItem({ notification, onOpen }: NotificationItemProps) {
  const { t } = useTranslation();
  const unread = notification.readAt === null;
  const content = (
    <>
      {notification.actor ? (
        <Avatar name={notification.actor.name} />
      ) : (
        <span className="tp-notification__system" aria-hidden="true">
          <Icon name={SYSTEM_ICONS[notification.kind]} size={18} />
        </span>
      )}
      <span className="tp-notification__body">
        <span className="tp-notification__sentence" data-testid="notification-sentence">
          {notificationSentence(notification, t)}
        </span>
        {notification.text ? (
          <span className="tp-notification__excerpt" data-testid="notification-excerpt">
            {notificationExcerpt(notification.text)}
          </span>
        ) : null}
        <span className="tp-notification__meta">
          {notification.conversationId ? (
            <span className="tp-notification__contact" data-testid="notification-contact">
              {contactName(notification.contactName, t)} ·{' '}
            </span>
          ) : null}
          <RelativeTime at={notification.createdAt} />
          {unread ? (
            <span className="tp-visually-hidden">, {t('notifications.unread')}</span>
          ) : null}
        </span>
      </span>
      {unread ? <span className="tp-notification__dot" aria-hidden="true" /> : null}
    </>
  );

  return (
    <li
      className={`tp-notification${unread ? ' tp-notification--unread' : ''}`}
      data-testid="notification"
      data-notification-id={notification.id}
      data-kind={notification.kind}
      data-unread={unread}
    >
      {notification.conversationId ? (
        <Link
          to={`/inbox/${notification.conversationId}`}
          className="tp-notification__target"
          onClick={() => onOpen(notification)}
        >
          {content}
        </Link>
      ) : (
        <button
          type="button"
          className="tp-notification__target"
          onClick={() => onOpen(notification)}
        >
          {content}
        </button>
      )}
    </li>
  );
}
