import { Module } from '@nestjs/common';
import { EmailAdapter } from './email.adapter';
import { EmailRecipientRouter } from './email-recipient.router';
import { EmailSender } from './email-sender.service';

/**
 * The email channel's adapter, the shared EmailSender (every role: the outbound worker sends, and
 * other channels answering by email reuse the sender) and the router from a recipient address to
 * its channel (the SMTP intake, and the demo customers' mailbox answering).
 */
@Module({
  providers: [EmailAdapter, EmailSender, EmailRecipientRouter],
  exports: [EmailSender, EmailRecipientRouter],
})
export class EmailChannelModule {}
