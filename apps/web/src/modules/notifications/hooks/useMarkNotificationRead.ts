import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { NotificationListDto } from '@touchpoint/shared';
import type { ApiError } from '../../../api/http';
import { notificationsApi } from '../../../api/notifications.api';
import { queryKeys } from '../../../lib/query-keys';
import {
  applyNotificationList,
  markNotificationRead,
  patchNotificationList,
} from '../cache/notification-cache';

/**
 * Marks one notification read: shown read at once, then the server's list; if the server
 * refuses, the list is fetched again.
 */
export function useMarkNotificationRead() {
  const queryClient = useQueryClient();
  return useMutation<NotificationListDto, ApiError, string>({
    mutationFn: (id) => notificationsApi.markRead(id),
    onMutate: async (id) => {
      await queryClient.cancelQueries({ queryKey: queryKeys.notifications() });
      patchNotificationList(queryClient, (list) =>
        markNotificationRead(list, id, new Date().toISOString()),
      );
    },
    onSuccess: (list) => applyNotificationList(queryClient, list),
    onError: () => void queryClient.invalidateQueries({ queryKey: queryKeys.notifications() }),
  });
}
