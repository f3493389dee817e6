import { Module } from '@nestjs/common';
import { ChannelsModule } from '../channels/channels.module';
import { ContactsModule } from '../contacts/contacts.module';
import { MarketingModule } from '../marketing/marketing.module';
import { ConversationAccessModule } from './conversation-access.module';
import { ConversationHooksModule } from './conversation-hooks';
import { ConversationRealtimeListener } from './conversation-realtime.listener';
import { ContactStoryService } from './contact-story.service';
import { ConversationMergeController } from './conversation-merge.controller';
import { ConversationMergeService } from './conversation-merge.service';
import { ConversationsController } from './conversations.controller';
import { ConversationsService } from './conversations.service';
import { SlaTimerListener } from './sla-timer.job';
import { SlaTimerService } from './sla-timer.service';
import { SnoozeTimerService } from './snooze-timer.service';

@Module({
  imports: [
    ConversationAccessModule,
    ConversationHooksModule,
    ContactsModule,
    ChannelsModule,
    MarketingModule,
  ],
  controllers: [ConversationsController, ConversationMergeController],
  providers: [
    ConversationsService,
    ContactStoryService,
    ConversationMergeService,
    ConversationRealtimeListener,
    SnoozeTimerService,
    SlaTimerService,
    SlaTimerListener,
  ],
  exports: [
    ConversationsService,
    ContactStoryService,
    ConversationMergeService,
    ConversationAccessModule,
    SnoozeTimerService,
    SlaTimerService,
  ],
})
export class ConversationsModule {}
