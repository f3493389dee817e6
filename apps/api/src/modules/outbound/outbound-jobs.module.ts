import { Module } from '@nestjs/common';
import { RateLimitModule } from '../../core/rate-limit/rate-limit.module';
import { ChannelsModule } from '../channels/channels.module';
import { ConversationsModule } from '../conversations/conversations.module';
import { OutboundDeliverJob } from './outbound-deliver.job';
import { OutboundSweepJob } from './outbound-sweep.job';

/** Worker side of replies: delivery through the channel adapters, and the sweeper. */
@Module({
  imports: [ChannelsModule, ConversationsModule, RateLimitModule],
  providers: [OutboundDeliverJob, OutboundSweepJob],
})
export class OutboundJobsModule {}
