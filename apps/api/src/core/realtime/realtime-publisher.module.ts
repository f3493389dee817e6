import { Global, Module } from '@nestjs/common';
import { PresenceService } from './presence.service';
import { RealtimePublisher } from './realtime-publisher';

/** What every process (api or worker) needs of realtime: emitting to rooms, knowing who is online. */
@Global()
@Module({
  providers: [RealtimePublisher, PresenceService],
  exports: [RealtimePublisher, PresenceService],
})
export class RealtimePublisherModule {}
