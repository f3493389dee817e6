import { QueryClient } from '@tanstack/react-query';
import type { NotificationDto, NotificationListDto } from '@touchpoint/shared';
import { queryKeys } from '../../../lib/query-keys';
import {
  addNotification,
  applyNotificationCreated,
  markAllNotificationsRead,
  markNotificationRead,
  mergeServerList,
} from './notification-cache';

const at = (minute: number) => `2025-05-01T10:${String(minute).padStart(2, '0')}:00.000Z`;

function notification(id: string, minute: number, readAt: string | null = null): NotificationDto {
  return {
    id,
    kind: 'mention',
    conversationId: 'c1',
    handoffId: null,
    actor: { id: 'u1', name: 'Eva Example' },
    handoff: null,
    contactName: null,
    text: 'Please have a look',
    readAt,
    createdAt: at(minute),
  };
}

const ids = (list: NotificationListDto) => list.items.map((item) => item.id);

describe('notification cache', () => {
  const list: NotificationListDto = {
    items: [notification('c', 30), notification('b', 20, at(21)), notification('a', 10)],
    unreadCount: 2,
  };

  it('adds a new notification in front and counts it when unread', () => {
    const next = addNotification(list, notification('d', 40));
    expect(ids(next)).toEqual(['d', 'c', 'b', 'a']);
    expect(next.unreadCount).toBe(3);
  });

  it('adds one that arrived late where its time puts it, and a read one without counting', () => {
    const next = addNotification(list, notification('x', 15, at(16)));
    expect(ids(next)).toEqual(['c', 'b', 'x', 'a']);
    expect(next.unreadCount).toBe(2);
  });

  it('never adds the same notification twice', () => {
    const next = addNotification(list, { ...notification('c', 30), text: 'again' });
    expect(next).toBe(list);
  });

  it('marks one read once, and counts down not below zero', () => {
    const next = markNotificationRead(list, 'c', at(50));
    expect(next.items[0]?.readAt).toBe(at(50));
    expect(next.unreadCount).toBe(1);
    expect(markNotificationRead(next, 'c', at(51))).toBe(next);
    expect(markNotificationRead(list, 'b', at(51))).toBe(list);
    expect(markNotificationRead(list, 'nope', at(51))).toBe(list);
    expect(markNotificationRead({ ...list, unreadCount: 0 }, 'a', at(51)).unreadCount).toBe(0);
  });

  it('marks all read, keeping when the read ones were read', () => {
    const next = markAllNotificationsRead(list, at(50));
    expect(next.items.map((item) => item.readAt)).toEqual([at(50), at(21), at(50)]);
    expect(next.unreadCount).toBe(0);
  });

  it('keeps what arrived live after the server answered, and nothing older', () => {
    const server: NotificationListDto = {
      items: [notification('c', 30, at(50)), notification('b', 20, at(21))],
      unreadCount: 0,
    };
    const cached: NotificationListDto = {
      items: [notification('live', 45), notification('c', 30), notification('gone', 5)],
      unreadCount: 3,
    };
    const merged = mergeServerList(cached, server);
    expect(ids(merged)).toEqual(['live', 'c', 'b']);
    expect(merged.items[1]?.readAt).toBe(at(50));
    expect(merged.unreadCount).toBe(1);
    expect(mergeServerList(undefined, server)).toBe(server);
  });

  it('patches a loaded list from the live event, and fetches the list when none is loaded', async () => {
    const queryClient = new QueryClient();
    const invalidate = jest.spyOn(queryClient, 'invalidateQueries');

    applyNotificationCreated(queryClient, notification('d', 40));
    expect(invalidate).toHaveBeenCalledWith({ queryKey: queryKeys.notifications() });
    expect(queryClient.getQueryData(queryKeys.notifications())).toBeUndefined();

    queryClient.setQueryData(queryKeys.notifications(), list);
    applyNotificationCreated(queryClient, notification('d', 40));
    applyNotificationCreated(queryClient, notification('d', 40));
    const cached = queryClient.getQueryData<NotificationListDto>(queryKeys.notifications());
    expect(cached && ids(cached)).toEqual(['d', 'c', 'b', 'a']);
    expect(cached?.unreadCount).toBe(3);
    queryClient.clear();
  });
});
