import { Module } from '@nestjs/common';
import { ConversationAccessModule } from '../conversations/conversation-access.module';
import { HandoffRealtimeListener } from './handoff-realtime.listener';
import { HandoffsController } from './handoffs.controller';
import { HandoffsService } from './handoffs.service';

@Module({
  imports: [ConversationAccessModule],
  controllers: [HandoffsController],
  providers: [HandoffsService, HandoffRealtimeListener],
  exports: [HandoffsService],
})
export class HandoffsModule {}
