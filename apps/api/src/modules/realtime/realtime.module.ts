import { Module } from '@nestjs/common';
import { ConversationAccessModule } from '../conversations/conversation-access.module';
import { RealtimeGateway } from './realtime.gateway';

@Module({
  imports: [ConversationAccessModule],
  providers: [RealtimeGateway],
  exports: [RealtimeGateway],
})
export class RealtimeModule {}
