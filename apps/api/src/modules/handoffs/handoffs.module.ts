import { Module } from '@nestjs/common';
import { ConversationAccessModule } from '../conversations/conversation-access.module';
import { HandoffLifecycle } from './handoff-lifecycle.service';
import { HandoffParticipants } from './handoff-participants.service';
import { HandoffQueries } from './handoff-queries.service';
import { HandoffRealtimeListener } from './handoff-realtime.listener';
import { HandoffSla } from './handoff-sla.service';
import { HandoffsController } from './handoffs.controller';
import { ParticipantAccessService } from './participant-access.service';

@Module({
  imports: [ConversationAccessModule],
  controllers: [HandoffsController],
  providers: [
    HandoffQueries,
    HandoffLifecycle,
    HandoffParticipants,
    HandoffSla,
    HandoffRealtimeListener,
    ParticipantAccessService,
  ],
  exports: [HandoffQueries, HandoffLifecycle, HandoffSla, ParticipantAccessService],
})
export class HandoffsModule {}
