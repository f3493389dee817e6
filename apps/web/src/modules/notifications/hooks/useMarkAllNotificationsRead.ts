import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { NotificationListDto } from '@touchpoint/shared';
import type { ApiError } from '../../../api/http';
import { notificationsApi } from '../../../api/notifications.api';
import { queryKeys } from '../../../lib/query-keys';
import {
  applyNotificationList,
  markAllNotificationsRead,
  patchNotificationList,
} from '../cache/notification-cache';

/**
 * Marks every notification read: shown read at once, then the server's list; if the server
 * refuses, the list is fetched again (and the caller shows the error).
 */
export function useMarkAllNotificationsRead() {
  const queryClient = useQueryClient();
  return useMutation<NotificationListDto, ApiError, void>({
    mutationFn: () => notificationsApi.markAllRead(),
    onMutate: async () => {
      await queryClient.cancelQueries({ queryKey: queryKeys.notifications() });
      patchNotificationList(queryClient, (list) =>
        markAllNotificationsRead(list, new Date().toISOString()),
      );
    },
    onSuccess: (list) => applyNotificationList(queryClient, list),
    onError: () => void queryClient.invalidateQueries({ queryKey: queryKeys.notifications() }),
  });
}
