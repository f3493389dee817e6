import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { toWidgetMessage, WIDGET_EVENTS, type IdentityKind } from '@touchpoint/shared';
import type { DataSource } from 'typeorm';
import { RealtimePublisher } from '../../../../core/realtime/realtime-publisher';
import { normalizeAddress } from '../../../contacts/identity-address';
import type { InboundEvent } from '../../../intake/inbound-event.entity';
import {
  PermanentDeliveryError,
  RegisterChannelAdapter,
  UnparseablePayloadError,
  type ChannelAdapter,
  type OutboundContext,
  type ParseResult,
  type SendResult,
} from '../../channel-adapter';
import type { Channel } from '../../channel.entity';
import { configForReply, EmailSender, findEmailRelay } from '../email';
import { webchatChannelConfig } from './webchat.config';
import { webchatInboundPayloadSchema } from './webchat-payload';
import { VisitorStore } from './visitor-store';
import { WebchatVisitors, withSurvey } from './webchat-visitors.service';
import { widgetRooms } from './widget-rooms';

/**
 * The website chat. Visitor messages come in through the `/widget` socket gateway (stored as inbound
 * events, parsed here by the worker); replies go live to every open tab of the visitor, or, when the
 * visitor has left and gave an email address, by email from the channel's `replyFrom` with a
 * `reply+<token>@` Reply-To, so the customer's emailed answer continues the conversation. A reply's
 * files reach the visitor as signed links (image previews in the chat), or as email attachments.
 */
@Injectable()
@RegisterChannelAdapter()
export class WebchatAdapter implements ChannelAdapter {
  readonly kind = 'webchat' as const;
  readonly reaches: readonly IdentityKind[] = ['webchat', 'email'];

  constructor(
    private readonly publisher: RealtimePublisher,
    private readonly store: VisitorStore,
    private readonly sender: EmailSender,
    private readonly visitors: WebchatVisitors,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async parse(event: InboundEvent): Promise<ParseResult> {
    const parsed = webchatInboundPayloadSchema.safeParse(event.payload);
    if (!parsed.success) throw new UnparseablePayloadError('Not a website chat message');
    const p = parsed.data;
    // The store finds or creates the contact by these: one of them must be an address it can use.
    if (!p.identities.some((i) => normalizeAddress(i.kind, i.address)))
      throw new UnparseablePayloadError('The website chat message has no usable visitor address');
    const sentAt = new Date(p.sentAt);
    return {
      kind: 'messages',
      messages: [
        {
          providerMessageId: event.providerMessageId,
          contact: { identities: p.identities, ...(p.name?.trim() ? { name: p.name.trim() } : {}) },
          text: p.text,
          attachments: [],
          sentAt,
        },
      ],
    };
  }

  async send(ctx: OutboundContext): Promise<SendResult> {
    if (ctx.recipient.kind === 'email') return this.sendEmail(ctx, ctx.recipient.address);
    if (ctx.recipient.kind !== 'webchat')
      throw new PermanentDeliveryError(
        `The website chat cannot reach a ${ctx.recipient.kind} identity`,
      );

    const visitorId = ctx.recipient.address;
    const channelId = ctx.channel.id;
    const [row]: { createdAt: Date; clientMessageId: string | null }[] = await this.db.query(
      'SELECT created_at AS "createdAt", client_message_id AS "clientMessageId" FROM messages WHERE id = $1',
      [ctx.message.id],
    );
    // A satisfaction survey comes as a prompt the visitor rates in the chat (its text keeps the link).
    const survey = await this.visitors.surveyOf(ctx.message.id);
    // Emitted even if nobody listens: a tab opening right now would otherwise miss it until reload.
    this.publisher.toWidget(
      widgetRooms.visitor(channelId, visitorId),
      WIDGET_EVENTS.message,
      withSurvey(
        toWidgetMessage(
          {
            id: ctx.message.id,
            type: 'outbound',
            text: ctx.message.text,
            author: { type: 'user', id: ctx.author.id, name: ctx.author.name },
            createdAt: new Date(row?.createdAt ?? Date.now()).toISOString(),
            clientMessageId: row?.clientMessageId ?? null,
          },
          ctx.message.attachments.map((a) => ({
            name: a.filename,
            contentType: a.contentType,
            size: a.size,
            url: a.url,
          })),
        ),
        survey,
      ),
    );
    const live: SendResult = {
      providerMessageId: ctx.message.id,
      metadata: { address: visitorId },
    };
    if (await this.store.isOnline(channelId, visitorId)) return live;

    // The visitor has left: answer by email if it gave an address (else the reply waits in its history).
    const email = await this.emailOfVisitor(ctx.contact.id, channelId, visitorId);
    if (!email || !this.replyFrom(ctx.channel)) return live;
    const sent = await this.sendEmail(ctx, email);
    return {
      providerMessageId: sent.providerMessageId,
      metadata: { ...sent.metadata, address: visitorId, emailedTo: email },
    };
  }

  private replyFrom(channel: Channel): string | undefined {
    return configForReply(() => webchatChannelConfig(channel)).replyFrom;
  }

  /** The address the visitor left in the chat, else an email identity of its contact (verified first). */
  private async emailOfVisitor(
    contactId: string,
    channelId: string,
    visitorId: string,
  ): Promise<string | null> {
    const left = await this.store.email(channelId, visitorId);
    if (left) return left;
    const [row]: { address: string }[] = await this.db.query(
      `SELECT address FROM contact_identities WHERE contact_id = $1 AND kind = 'email'
        ORDER BY verified DESC, created_at DESC LIMIT 1`,
      [contactId],
    );
    return row?.address ?? null;
  }

  private async sendEmail(ctx: OutboundContext, address: string): Promise<SendResult> {
    const replyFrom = this.replyFrom(ctx.channel);
    if (!replyFrom)
      throw new PermanentDeliveryError(
        `Website chat "${ctx.channel.name}" cannot answer by email: set its replyFrom address`,
      );
    const smtp = await findEmailRelay(this.db, replyFrom);
    if (!smtp)
      throw new PermanentDeliveryError(
        `Website chat "${ctx.channel.name}" answers by email from ${replyFrom}, but no enabled email channel has that address`,
      );
    return this.sender.sendReply(
      { ...ctx, recipient: { kind: 'email', address } },
      { smtp, address: replyFrom },
    );
  }
}
