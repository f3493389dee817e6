import { Module } from '@nestjs/common';
import { ConversationAccessModule } from '../conversations/conversation-access.module';
import { HandoffRealtimeListener } from './handoff-realtime.listener';
import { HandoffsController } from './handoffs.controller';
import { HandoffsService } from './handoffs.service';
import { ParticipantAccessService } from './participant-access.service';

@Module({
  imports: [ConversationAccessModule],
  controllers: [HandoffsController],
  providers: [HandoffsService, HandoffRealtimeListener, ParticipantAccessService],
  exports: [HandoffsService, ParticipantAccessService],
})
export class HandoffsModule {}
