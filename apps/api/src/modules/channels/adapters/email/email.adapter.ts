import { Injectable } from '@nestjs/common';
import type { IdentityKind } from '@touchpoint/shared';
import {
  ChannelConnectError,
  RegisterChannelAdapter,
  UnparseablePayloadError,
  type ChannelAdapter,
  type OutboundContext,
  type ParseResult,
  type SendResult,
} from '../../channel-adapter';
import type { Channel } from '../../channel.entity';
import type { InboundEvent } from '../../../intake/inbound-event.entity';
import { domainOf } from './email-address';
import { emailChannelConfig } from './email-channel.config';
import { parseEmail, type EmailEnvelope } from './email-message.parser';
import { checkedConfig, configForReply } from './email-relay';
import { EmailSender } from './email-sender.service';

/** The SMTP envelope our intake stores next to the raw message (`payload.envelope`). */
export function envelopeOf(payload: unknown): EmailEnvelope | undefined {
  if (typeof payload !== 'object' || payload === null || !('envelope' in payload)) return undefined;
  const envelope = (payload as { envelope: unknown }).envelope;
  if (typeof envelope !== 'object' || envelope === null) return undefined;
  const { from, to } = envelope as { from?: unknown; to?: unknown };
  return {
    from: typeof from === 'string' ? from : '',
    to: Array.isArray(to) ? to.filter((t): t is string => typeof t === 'string') : [],
  };
}

/**
 * Parses a stored raw MIME event (from our SMTP server or the IMAP poller) of an email or form channel;
 * the form channel reuses it for the customer's emailed answers.
 */
export function parseStoredEmail(event: InboundEvent, channel: Channel): Promise<ParseResult> {
  if (!event.raw?.length) throw new UnparseablePayloadError('Email event without a raw message');
  const domain = domainOf(channel.inboxAddress);
  return parseEmail(event.raw, {
    envelope: envelopeOf(event.payload),
    replyDomains: domain ? [domain] : [],
  });
}

/** An email address: mail in through SMTP/IMAP, replies out through the channel's SMTP relay. */
@Injectable()
@RegisterChannelAdapter()
export class EmailAdapter implements ChannelAdapter {
  readonly kind = 'email' as const;
  readonly reaches: readonly IdentityKind[] = ['email'];

  constructor(private readonly sender: EmailSender) {}

  parse(event: InboundEvent, channel: Channel): Promise<ParseResult> {
    return parseStoredEmail(event, channel);
  }

  async check(channel: Channel): Promise<string> {
    const { smtp } = checkedConfig(() => emailChannelConfig(channel));
    const problem = await this.sender.verify(smtp);
    if (problem) throw new ChannelConnectError(problem);
    return `The SMTP relay ${smtp.host}:${smtp.port} accepts Touchpoint's sign-in: replies can go out`;
  }

  async send(ctx: OutboundContext): Promise<SendResult> {
    const config = configForReply(() => emailChannelConfig(ctx.channel));
    return this.sender.sendReply(ctx, { smtp: config.smtp, address: config.address });
  }
}
