import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { UseQueryResult } from '@tanstack/react-query';
import type { NotificationDto, NotificationListDto } from '@touchpoint/shared';
import type { ApiError } from '../../../api/http';
import { Alert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { EmptyState } from '../../../ui/EmptyState';
import { Icon } from '../../../ui/Icon';
import { RetryAlert } from '../../../ui/RetryAlert';
import { Skeleton } from '../../../ui/Skeleton';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { useMarkAllNotificationsRead } from '../hooks/useMarkAllNotificationsRead';
import { NotificationItem } from './NotificationItem';

export interface NotificationPanelProps {
  id: string;
  notifications: UseQueryResult<NotificationListDto, ApiError>;
  onOpen: (notification: NotificationDto) => void;
}

/** The list under the bell: newest first, "Mark all as read", and its loading, error, empty states. */
export function NotificationPanel({ id, notifications, onOpen }: NotificationPanelProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const panel = useRef<HTMLDivElement>(null);
  const markAll = useMarkAllNotificationsRead();
  const unread = notifications.data?.unreadCount ?? 0;

  // Focus moves into the panel when it opens: there is no event to hang that on but mounting.
  useEffect(() => panel.current?.focus(), []);

  let content;
  if (notifications.isPending) {
    content = <Skeleton rows={4} label={t('notifications.loading')} />;
  } else if (notifications.isError) {
    content = (
      <div className="tp-notifications__message">
        <RetryAlert
          title={t('notifications.error')}
          retryLabel={t('notifications.retry')}
          onRetry={() => void notifications.refetch()}
        >
          {apiErrorMessage(notifications.error, t)}
        </RetryAlert>
      </div>
    );
  } else if (notifications.data.items.length === 0) {
    content = (
      <EmptyState
        className="tp-notifications__empty"
        icon="bell"
        title={t('notifications.empty.title')}
        hint={t('notifications.empty.hint')}
        data-testid="notifications-empty"
      />
    );
  } else {
    content = (
      <ul className="tp-notifications__list" data-testid="notifications-list">
        {notifications.data.items.map((notification) => (
          <NotificationItem key={notification.id} notification={notification} onOpen={onOpen} />
        ))}
      </ul>
    );
  }

  return (
    <div
      ref={panel}
      id={id}
      className="tp-popover tp-notifications__panel"
      role="dialog"
      aria-labelledby={titleId}
      tabIndex={-1}
      data-testid="notifications-panel"
    >
      <div className="tp-notifications__head">
        <h2 id={titleId} className="tp-notifications__title">
          {t('notifications.title')}
        </h2>
        {unread > 0 ? (
          <span className="tp-notifications__unread">
            {t('notifications.unreadCount', { count: unread })}
          </span>
        ) : null}
        <Button
          variant="ghost"
          className="tp-notifications__mark-all"
          icon={<Icon name="checkDouble" size={16} />}
          disabled={unread === 0}
          busy={markAll.isPending}
          onClick={() => {
            markAll.mutate();
            panel.current?.focus(); // the button turns disabled: keep focus in the panel
          }}
        >
          {t('notifications.markAllRead')}
        </Button>
      </div>
      {markAll.isError ? (
        <div className="tp-notifications__message">
          <Alert tone="error" title={t('notifications.markAllError')}>
            {apiErrorMessage(markAll.error, t)}
          </Alert>
        </div>
      ) : null}
      {content}
    </div>
  );
}
