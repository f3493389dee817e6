import { Global, Module } from '@nestjs/common';
import { NotificationRealtimeListener } from './notification-realtime.listener';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';

/** Global: handoffs and messages write notifications inside their own transactions. */
@Global()
@Module({
  controllers: [NotificationsController],
  providers: [NotificationsService, NotificationRealtimeListener],
  exports: [NotificationsService],
})
export class NotificationsModule {}
