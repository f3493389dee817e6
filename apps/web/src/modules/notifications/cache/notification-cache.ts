import type { QueryClient } from '@tanstack/react-query';
import type { NotificationDto, NotificationListDto } from '@touchpoint/shared';
import { queryKeys } from '../../../lib/query-keys';

/*
 * How a notification (a live event, or the answer to the user's own "mark read") changes the
 * cached list. Used by the realtime handlers and the mutations alike.
 */

/** Adds a notification where it belongs (newest first); one already listed is not added twice. */
export function addNotification(
  list: NotificationListDto,
  notification: NotificationDto,
): NotificationListDto {
  if (list.items.some((item) => item.id === notification.id)) return list;
  const index = list.items.findIndex((item) => item.createdAt <= notification.createdAt);
  const items = [...list.items];
  items.splice(index === -1 ? items.length : index, 0, notification);
  return { items, unreadCount: list.unreadCount + (notification.readAt ? 0 : 1) };
}

/** One notification read at `at`; an unknown or already read one changes nothing. */
export function markNotificationRead(
  list: NotificationListDto,
  id: string,
  at: string,
): NotificationListDto {
  if (!list.items.some((item) => item.id === id && item.readAt === null)) return list;
  return {
    items: list.items.map((item) => (item.id === id ? { ...item, readAt: at } : item)),
    unreadCount: Math.max(0, list.unreadCount - 1),
  };
}

/** Every notification read at `at`. */
export function markAllNotificationsRead(
  list: NotificationListDto,
  at: string,
): NotificationListDto {
  return {
    items: list.items.map((item) => (item.readAt ? item : { ...item, readAt: at })),
    unreadCount: 0,
  };
}

/**
 * The server's list (the answer to a write), plus what arrived live after the server made it:
 * cached notifications it does not know yet and newer than its newest.
 */
export function mergeServerList(
  cached: NotificationListDto | undefined,
  server: NotificationListDto,
): NotificationListDto {
  if (!cached) return server;
  const known = new Set(server.items.map((item) => item.id));
  const newest = server.items[0]?.createdAt ?? '';
  return cached.items
    .filter((item) => !known.has(item.id) && item.createdAt > newest)
    .reduce(addNotification, server);
}

/** `notification.created`: into the list at once; without a loaded list, the list is fetched. */
export function applyNotificationCreated(
  queryClient: QueryClient,
  notification: NotificationDto,
): void {
  if (!queryClient.getQueryData<NotificationListDto>(queryKeys.notifications())) {
    void queryClient.invalidateQueries({ queryKey: queryKeys.notifications() });
    return;
  }
  queryClient.setQueryData<NotificationListDto>(queryKeys.notifications(), (old) =>
    old ? addNotification(old, notification) : old,
  );
}

/** Puts the server's answer to a write into the cache, keeping what arrived live meanwhile. */
export function applyNotificationList(queryClient: QueryClient, server: NotificationListDto): void {
  queryClient.setQueryData<NotificationListDto>(queryKeys.notifications(), (old) =>
    mergeServerList(old, server),
  );
}

/** Changes the cached list right away (before the server answers); no list, no change. */
export function patchNotificationList(
  queryClient: QueryClient,
  change: (list: NotificationListDto) => NotificationListDto,
): void {
  queryClient.setQueryData<NotificationListDto>(queryKeys.notifications(), (old) =>
    old ? change(old) : old,
  );
}
