import { Module } from '@nestjs/common';
import { ConversationAccessModule } from '../conversations/conversation-access.module';
import { ConversationHooksModule } from '../conversations/conversation-hooks';
import { ConversationsModule } from '../conversations/conversations.module';
import { ConsultSplitController } from './consult-split.controller';
import { ConsultSplit } from './consult-split.service';
import { HandoffLifecycle } from './handoff-lifecycle.service';
import { HandoffNudges } from './handoff-nudges.service';
import { HandoffParticipants } from './handoff-participants.service';
import { HandoffQueries } from './handoff-queries.service';
import { HandoffRealtimeListener } from './handoff-realtime.listener';
import { HandoffSla } from './handoff-sla.service';
import { HandoffsController } from './handoffs.controller';
import { LeadRequests } from './lead-requests.service';
import { ParticipantAccessService } from './participant-access.service';

@Module({
  imports: [ConversationAccessModule, ConversationHooksModule, ConversationsModule],
  controllers: [HandoffsController, ConsultSplitController],
  providers: [
    HandoffQueries,
    HandoffLifecycle,
    HandoffNudges,
    HandoffParticipants,
    HandoffSla,
    HandoffRealtimeListener,
    ParticipantAccessService,
    LeadRequests,
    ConsultSplit,
  ],
  exports: [HandoffQueries, HandoffLifecycle, HandoffSla, ParticipantAccessService],
})
export class HandoffsModule {}
