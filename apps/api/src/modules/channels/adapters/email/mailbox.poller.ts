import { Injectable, Logger } from '@nestjs/common';
import { InboundIntakeService } from '../../../intake/inbound-intake.service';
import type { Channel } from '../../channel.entity';
import { emailProviderMessageId, rawHeader } from './email-address';
import { emailChannelConfig } from './email-channel.config';
import type { EmailEnvelope } from './email-message.parser';
import { MailboxClient } from './mailbox.client';

/** Messages taken per mailbox and run, so one full mailbox cannot hold up the others; the rest comes next run. */
export const POLL_BATCH = 50;

export interface PollResult {
  fetched: number;
  stored: number;
}

/**
 * Fetches a channel's unread mail and hands each message to the intake; a message is marked \Seen only
 * once it is stored, so a crash in between means a refetch, which the intake recognises by Message-ID.
 */
@Injectable()
export class MailboxPoller {
  private readonly logger = new Logger('MailboxPoller');

  constructor(
    private readonly mailboxes: MailboxClient,
    private readonly intake: InboundIntakeService,
  ) {}

  async poll(channel: Pick<Channel, 'id' | 'config'>): Promise<PollResult> {
    const config = emailChannelConfig(channel);
    if (!config.imap) return { fetched: 0, stored: 0 };
    const session = await this.mailboxes.open(config.imap);
    const result: PollResult = { fetched: 0, stored: 0 };
    try {
      for (const uid of await session.unseen(POLL_BATCH)) {
        const raw = await session.source(uid);
        if (!raw) continue;
        result.fetched++;
        // A failed store (database down) ends this run with the message still unread, to be tried again.
        await this.intake.accept(channel, {
          providerMessageId: emailProviderMessageId(raw),
          raw,
          payload: { envelope: envelopeFor(raw, config.address), source: 'imap' },
        });
        await session.markSeen(uid);
        result.stored++;
      }
    } finally {
      await session
        .close()
        .catch((err: Error) =>
          this.logger.debug(`Closing the mailbox of channel ${channel.id}: ${err.message}`),
        );
    }
    return result;
  }
}

/** IMAP has no SMTP envelope: the Return-Path the receiving server recorded stands in for MAIL FROM. */
function envelopeFor(raw: Buffer, address: string): EmailEnvelope {
  const returnPath = rawHeader(raw, 'return-path');
  const from = returnPath === undefined ? undefined : returnPath.replace(/[<>]/g, '').trim();
  return { from: from ?? rawHeader(raw, 'from') ?? '', to: [address] };
}
