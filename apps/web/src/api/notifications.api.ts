import type { NotificationListDto } from '@touchpoint/shared';
import { http, type HttpClient } from './http';

export interface NotificationsApi {
  /** My notifications, newest first (the latest 100), with the unread count. */
  list(signal?: AbortSignal): Promise<NotificationListDto>;
  /** Marks one notification read; answers the list as it is now. */
  markRead(id: string): Promise<NotificationListDto>;
  /** Marks every notification read; answers the list as it is now. */
  markAllRead(): Promise<NotificationListDto>;
}

const notificationPath = (id: string) => `/api/notifications/${encodeURIComponent(id)}`;

export function createNotificationsApi(client: HttpClient): NotificationsApi {
  return {
    list: (signal) => client.get<NotificationListDto>('/api/notifications', { signal }),
    markRead: (id) => client.post<NotificationListDto>(`${notificationPath(id)}/read`),
    markAllRead: () => client.post<NotificationListDto>('/api/notifications/read-all'),
  };
}

export const notificationsApi: NotificationsApi = createNotificationsApi(http);
