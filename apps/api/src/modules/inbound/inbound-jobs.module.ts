import { Module } from '@nestjs/common';
import { ChannelsModule } from '../channels/channels.module';
import { ContactsModule } from '../contacts/contacts.module';
import { MessagesModule } from '../conversations/messages/messages.module';
import { HandoffsModule } from '../handoffs/handoffs.module';
import { InboundDrainService } from './inbound-drain.service';
import { InboundParser } from './inbound-parser';
import { InboundProcessJob } from './inbound-process.job';
import { InboundStore } from './inbound-store';
import { InboundSweepJob } from './inbound-sweep.job';
import { IntakeModule } from '../intake/intake.module';
import { SatisfactionModule } from '../satisfaction/satisfaction.module';

/** Worker side of intake: turning raw events into messages (in batches, or one by one), and the sweeper. */
@Module({
  imports: [
    IntakeModule,
    ChannelsModule,
    ContactsModule,
    MessagesModule,
    HandoffsModule,
    SatisfactionModule,
  ],
  providers: [InboundParser, InboundStore, InboundDrainService, InboundProcessJob, InboundSweepJob],
})
export class InboundJobsModule {}
