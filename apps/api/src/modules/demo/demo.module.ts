import { Module } from '@nestjs/common';
import { ConversationsModule } from '../conversations/conversations.module';
import { HandoffsModule } from '../handoffs/handoffs.module';
import { IntakeModule } from '../intake/intake.module';
import { MessagesModule } from '../conversations/messages/messages.module';
import { EmailChannelModule } from '../channels/adapters/email';
import { DemoContentSeeder } from './demo-content.seeder';
import { DemoMailboxService } from './demo-mailbox.service';
import { DemoPageService } from './demo-page.service';

/** The demo workspace's sample conversations (every role: whichever process seeded the demo adds them). */
@Module({
  imports: [IntakeModule, ConversationsModule, MessagesModule, HandoffsModule, EmailChannelModule],
  providers: [DemoContentSeeder, DemoPageService, DemoMailboxService],
  exports: [DemoContentSeeder, DemoPageService, DemoMailboxService],
})
export class DemoModule {}
