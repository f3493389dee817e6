import { useCallback, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NotificationDto } from '@touchpoint/shared';
import { Icon } from '../../../ui/Icon';
import { usePopoverDismiss } from '../../../ui/usePopoverDismiss';
import { UnreadTitleEffect } from '../effects/UnreadTitleEffect';
import { unreadBadgeText } from '../format/unread-count';
import { useMarkNotificationRead } from '../hooks/useMarkNotificationRead';
import { useNotifications } from '../hooks/useNotifications';
import { NotificationPanel } from './NotificationPanel';

/**
 * The bell in the top bar: the unread count, and the notification panel it opens. The panel
 * closes on Escape (focus back to the bell), a click outside, focus leaving it, or a chosen item.
 */
export function NotificationBell() {
  const { t } = useTranslation();
  const notifications = useNotifications();
  const markRead = useMarkNotificationRead();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const bell = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const unread = notifications.data?.unreadCount ?? 0;

  const close = useCallback(() => setOpen(false), []);
  const dismiss = usePopoverDismiss({ open, onClose: close, returnFocusTo: bell, root });

  const openNotification = (notification: NotificationDto) => {
    if (notification.readAt === null) markRead.mutate(notification.id);
    if (notification.conversationId) setOpen(false);
  };

  return (
    <div
      ref={root}
      className="tp-notifications"
      onKeyDown={dismiss.onKeyDown}
      onBlur={dismiss.onBlur}
    >
      <button
        ref={bell}
        type="button"
        className="tp-icon-button tp-notifications__bell"
        aria-label={
          unread > 0 ? t('notifications.bellUnread', { count: unread }) : t('notifications.bell')
        }
        title={t('notifications.title')}
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => setOpen((wasOpen) => !wasOpen)}
        data-testid="notifications-bell"
      >
        <Icon name="bell" />
        {unread > 0 ? (
          <span
            className="tp-notifications__badge"
            aria-hidden="true"
            data-testid="notifications-badge"
          >
            {unreadBadgeText(unread)}
          </span>
        ) : null}
      </button>
      {open ? (
        <NotificationPanel id={panelId} notifications={notifications} onOpen={openNotification} />
      ) : null}
      <UnreadTitleEffect count={unread} />
    </div>
  );
}
