import { Injectable, type OnModuleInit } from '@nestjs/common';
import { rooms } from '@touchpoint/shared';
import { DomainEvents } from '../../core/events/domain-events';
import { RealtimePublisher } from '../../core/realtime/realtime-publisher';
import { NotificationsService } from './notifications.service';

/** A new notification reaches only its user's room. */
@Injectable()
export class NotificationRealtimeListener implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly publisher: RealtimePublisher,
    private readonly notifications: NotificationsService,
  ) {}

  onModuleInit(): void {
    this.events.on('notification.created', async ({ notificationId, userId }) => {
      const notification = await this.notifications.get(notificationId);
      if (notification)
        this.publisher.toStaff([rooms.user(userId)], 'notification.created', { notification });
    });
  }
}
