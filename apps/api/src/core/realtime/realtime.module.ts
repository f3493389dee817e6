import { Module } from '@nestjs/common';
import { ConversationAccessModule } from '../../modules/conversations/conversation-access.module';
import { PresenceService } from './presence.service';
import { RealtimeGateway } from './realtime.gateway';

@Module({
  imports: [ConversationAccessModule],
  providers: [RealtimeGateway, PresenceService],
  exports: [RealtimeGateway, PresenceService],
})
export class RealtimeModule {}
