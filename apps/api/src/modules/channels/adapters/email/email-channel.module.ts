import { Module } from '@nestjs/common';
import { EmailAdapter } from './email.adapter';
import { EmailSender } from './email-sender.service';

/**
 * The email channel's adapter and the shared EmailSender (every role: the outbound worker sends, and
 * other channels answering by email reuse the sender).
 */
@Module({
  providers: [EmailAdapter, EmailSender],
  exports: [EmailSender],
})
export class EmailChannelModule {}
