import { Module } from '@nestjs/common';
import { ChannelsModule } from '../channels/channels.module';
import { ContactsModule } from '../contacts/contacts.module';
import { MessagesModule } from '../conversations/messages/messages.module';
import { InboundProcessJob } from './inbound-process.job';
import { InboundSweepJob } from './inbound-sweep.job';
import { IntakeModule } from '../intake/intake.module';

/** Worker side of intake: turning raw events into messages, and the sweeper. */
@Module({
  imports: [IntakeModule, ChannelsModule, ContactsModule, MessagesModule],
  providers: [InboundProcessJob, InboundSweepJob],
})
export class InboundJobsModule {}
