import { Module } from '@nestjs/common';
import { IntakeModule } from '../../../intake/intake.module';
import { EmailChannelModule } from './email-channel.module';
import { ImapMailboxClient, MailboxClient } from './mailbox.client';
import { MailboxPollJob } from './mailbox-poll.job';
import { MailboxPoller } from './mailbox.poller';
import { SmtpIntakeServer } from './smtp-intake.server';

/** Mail intake, worker role only: the SMTP server on SMTP_PORT and the IMAP poll job. */
@Module({
  imports: [EmailChannelModule, IntakeModule],
  providers: [
    SmtpIntakeServer,
    MailboxPoller,
    MailboxPollJob,
    { provide: MailboxClient, useClass: ImapMailboxClient },
  ],
  exports: [SmtpIntakeServer],
})
export class EmailChannelWorkerModule {}
