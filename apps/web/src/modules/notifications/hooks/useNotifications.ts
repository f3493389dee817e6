import { useQuery } from '@tanstack/react-query';
import type { NotificationListDto } from '@touchpoint/shared';
import type { ApiError } from '../../../api/http';
import { notificationsApi } from '../../../api/notifications.api';
import { queryKeys } from '../../../lib/query-keys';

/** My notifications, newest first, with the unread count; `notification.created` adds to it. */
export function useNotifications() {
  return useQuery<NotificationListDto, ApiError>({
    queryKey: queryKeys.notifications(),
    queryFn: ({ signal }) => notificationsApi.list(signal),
  });
}
