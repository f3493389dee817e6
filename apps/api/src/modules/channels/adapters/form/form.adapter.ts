import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { IdentityKind } from '@touchpoint/shared';
import type { DataSource } from 'typeorm';
import {
  ChannelConnectError,
  PermanentDeliveryError,
  RegisterChannelAdapter,
  UnparseablePayloadError,
  type ChannelAdapter,
  type InboundIdentity,
  type OutboundContext,
  type ParseResult,
  type SendResult,
} from '../../channel-adapter';
import type { Channel } from '../../channel.entity';
import { normalizeAddress } from '../../../contacts/identity-address';
import type { InboundEvent } from '../../../intake/inbound-event.entity';
import {
  checkedConfig,
  configForReply,
  EmailSender,
  findEmailRelay,
  parseStoredEmail,
} from '../email';
import { formChannelConfig } from './form.config';
import { storedFormSubmissionSchema } from './form-submission.dto';
import { toE164 } from './phone-number';

/**
 * The website's contact form. Posts come in through `POST /forms/:channelId`; answers go out as email
 * from `replyFrom`, so the customer's emailed reply (to `reply+<token>@`) continues the conversation.
 */
@Injectable()
@RegisterChannelAdapter()
export class FormAdapter implements ChannelAdapter {
  readonly kind = 'form' as const;
  readonly reaches: readonly IdentityKind[] = ['email'];

  constructor(
    private readonly sender: EmailSender,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async parse(event: InboundEvent, channel: Channel): Promise<ParseResult> {
    // Mail to the form's reply address arrives through the SMTP intake as raw MIME.
    if (event.raw?.length) return parseStoredEmail(event, channel);

    const parsed = storedFormSubmissionSchema.safeParse(event.payload);
    if (!parsed.success) throw new UnparseablePayloadError('Not a contact form submission');
    const form = parsed.data;
    // Checked on the way in, but the stored payload outlives code versions: without an address the
    // store could find or create the contact by, the message can never be stored.
    const email = normalizeAddress('email', form.email);
    if (!email)
      throw new UnparseablePayloadError('The contact form submission has no valid email address');
    const identities: InboundIdentity[] = [{ kind: 'email', address: email }];
    const phone = form.phone ? toE164(form.phone) : undefined;
    if (phone) identities.push({ kind: 'phone', address: phone });
    const name = form.name?.trim();
    const sentAt = form.submittedAt ? new Date(form.submittedAt) : undefined;
    return {
      kind: 'messages',
      messages: [
        {
          providerMessageId: event.providerMessageId,
          contact: { identities, ...(name ? { name } : {}) },
          ...(form.subject?.trim() ? { subject: form.subject.trim() } : {}),
          text: form.message,
          attachments: [],
          ...(sentAt && !Number.isNaN(sentAt.getTime()) ? { sentAt } : {}),
        },
      ],
    };
  }

  async check(channel: Channel): Promise<string> {
    const { replyFrom, smtp: own } = checkedConfig(() => formChannelConfig(channel));
    const smtp = own ?? (await findEmailRelay(this.db, replyFrom));
    if (!smtp)
      throw new ChannelConnectError(
        `Answers cannot go out: give the form an SMTP relay, or add an enabled email channel for ${replyFrom}`,
      );
    const problem = await this.sender.verify(smtp);
    if (problem) throw new ChannelConnectError(problem);
    return `Answers go out from ${replyFrom} through ${smtp.host}:${smtp.port}, which accepts Touchpoint's sign-in`;
  }

  async send(ctx: OutboundContext): Promise<SendResult> {
    const { replyFrom, smtp: own } = configForReply(() => formChannelConfig(ctx.channel));
    const smtp = own ?? (await findEmailRelay(this.db, replyFrom));
    if (!smtp)
      throw new PermanentDeliveryError(
        `Form channel "${ctx.channel.name}" has no SMTP relay: give it one, or add an enabled email channel for ${replyFrom}`,
      );
    return this.sender.sendReply(ctx, { smtp, address: replyFrom });
  }
}
