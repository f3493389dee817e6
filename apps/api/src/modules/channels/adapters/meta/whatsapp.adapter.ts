import { Injectable } from '@nestjs/common';
import type { ChannelConfig, IdentityKind } from '@touchpoint/shared';
import {
  PermanentDeliveryError,
  RegisterChannelAdapter,
  UnparseablePayloadError,
  type ChannelAdapter,
  type InboundAttachment,
  type NormalizedMessage,
  type OutboundContext,
  type ParseResult,
  type ReplyWindow,
  type SendResult,
} from '../../channel-adapter';
import type { Channel } from '../../channel.entity';
import type { InboundEvent } from '../../../intake/inbound-event.entity';
import { GraphApiClient, type GraphAccess } from './graph-api.client';
import { checkError } from './meta-check-errors';
import { arrayOf, objectOf, stringOf } from './meta-json';
import { fetchWhatsappMedia } from './meta-media';
import { multipartBody, safeType } from '../../multipart';
import { partsOf, sendParts, type ReplyPart } from './meta-reply-parts';
import { MetaStoredMessages } from './meta-stored-messages.query';
import { TEXT_LIMITS } from './meta-text';
import { completeWhatsappDraft, readWhatsappWebhook } from './whatsapp-webhook.parser';
import { findTemplate, templateReplyOf } from './whatsapp-template';

type WhatsappConfig = ChannelConfig<'whatsapp'>;

/** WhatsApp's customer-service window: free replies within 24 hours of the customer's last message. */
export const WHATSAPP_WINDOW_MS = 24 * 3600 * 1000;

/** Media WhatsApp takes as such (type and size); any other file goes as a document. */
const MEDIA_TYPES: { type: 'image' | 'video' | 'audio'; pattern: RegExp; maxBytes: number }[] = [
  { type: 'image', pattern: /^image\/(jpeg|png)$/, maxBytes: 5 * 1024 * 1024 },
  { type: 'video', pattern: /^video\/(mp4|3gpp)$/, maxBytes: 16 * 1024 * 1024 },
  { type: 'audio', pattern: /^audio\/(aac|amr|mpeg|mp4|ogg)$/, maxBytes: 16 * 1024 * 1024 },
];

/**
 * WhatsApp Cloud API numbers: webhooks arrive at `/webhooks/meta/:channelId` (signed with the app
 * secret, split into one stored event per message and status), are read here in the worker, and
 * replies go out through `POST /{phoneNumberId}/messages` to the customer's WhatsApp id.
 */
@Injectable()
@RegisterChannelAdapter()
export class WhatsappAdapter implements ChannelAdapter {
  readonly kind = 'whatsapp' as const;
  readonly reaches: readonly IdentityKind[] = ['whatsapp'];

  constructor(
    private readonly graph: GraphApiClient,
    private readonly stored: MetaStoredMessages,
  ) {}

  async parse(event: InboundEvent, channel: Channel): Promise<ParseResult> {
    const config = whatsappConfig(channel);
    const reading = readWhatsappWebhook(event.payload, config.phoneNumberId);
    if (reading.kind === 'invalid') throw new UnparseablePayloadError(reading.reason);
    if (reading.kind === 'ignored') return reading;
    if (reading.kind === 'delivery') return reading;
    const messages: NormalizedMessage[] = [];
    for (const draft of reading.drafts) {
      const earlier = draft.reference
        ? await this.stored.textOf(channel.id, draft.reference.messageId)
        : undefined;
      const { text, quoted } = completeWhatsappDraft(draft, earlier);
      const attachments: InboundAttachment[] = [];
      const droppedAttachments: string[] = [];
      if (draft.media) {
        const file = await fetchWhatsappMedia(this.graph, access(config), draft.media);
        if ('dropped' in file) droppedAttachments.push(`${draft.media.filename}: ${file.dropped}`);
        else attachments.push(file);
      }
      messages.push({
        providerMessageId: draft.providerMessageId,
        contact: draft.contact,
        text,
        ...(quoted && { quoted }),
        attachments,
        ...(droppedAttachments.length && { droppedAttachments }),
        ...(draft.sentAt && { sentAt: draft.sentAt }),
      });
    }
    return { kind: 'messages', messages };
  }

  /** Meta's throughput per business phone number (80 messages a second by default). */
  sendRate(): { limit: number; windowMs: number } {
    return { limit: 80, windowMs: 1000 };
  }

  async replyWindow(channel: Channel, contactId: string): Promise<ReplyWindow> {
    const last = await this.stored.lastInboundAt(channel.id, contactId);
    const closesAt = last ? new Date(new Date(last).getTime() + WHATSAPP_WINDOW_MS) : null;
    return {
      open: closesAt !== null && closesAt.getTime() > Date.now(),
      closesAt,
      templates: whatsappConfig(channel).templates ?? [],
      closedReason: closesAt
        ? `The customer last wrote on WhatsApp more than 24 hours ago: outside the 24-hour window, send a template`
        : `The customer has not written on this WhatsApp number yet: outside the 24-hour window, send a template`,
    };
  }

  /**
   * A template when the reply names one, else its text (split at 4096 characters) and then each
   * file. Every WhatsApp message id is recorded; the first is the reply's provider id, which the
   * statuses name.
   */
  async send(ctx: OutboundContext): Promise<SendResult> {
    if (ctx.recipient.kind !== 'whatsapp')
      throw new PermanentDeliveryError(
        `A WhatsApp channel cannot reach a ${ctx.recipient.kind} identity`,
      );
    const config = whatsappConfig(ctx.channel);
    const to = ctx.recipient.address.replace(/^\+/, '');
    const template = templateReplyOf(await this.stored.metadataOf(ctx.message.id));
    const parts: ReplyPart[] = template
      ? [{ kind: 'template' }, ...partsOf('', ctx.message.attachments, TEXT_LIMITS.whatsapp)]
      : partsOf(ctx.message.text, ctx.message.attachments, TEXT_LIMITS.whatsapp);
    if (!parts.length) throw new PermanentDeliveryError('The reply has neither text nor files');
    const ids = await sendParts(parts, { kind: this.kind, channel: ctx.channel }, async (part) => {
      const body = await this.messageOf(config, part, template);
      const answer = await this.graph.call<{ messages?: unknown }>(
        access(config),
        'POST',
        `${encodeURIComponent(config.phoneNumberId)}/messages`,
        { json: { messaging_product: 'whatsapp', recipient_type: 'individual', to, ...body } },
      );
      const id = stringOf(objectOf(arrayOf(answer.messages)[0]).id);
      if (!id) throw new PermanentDeliveryError('WhatsApp took the message without naming it');
      return id;
    });
    return { providerMessageId: ids[0], metadata: { metaMessageIds: ids } };
  }

  /** The number and token work: Meta names the number and its quality. */
  async check(channel: Channel): Promise<string> {
    const config = whatsappConfig(channel);
    try {
      const number = await this.graph.call<Record<string, unknown>>(
        access(config),
        'GET',
        `${encodeURIComponent(config.phoneNumberId)}?fields=display_phone_number,verified_name,quality_rating`,
      );
      const name = [stringOf(number.display_phone_number), stringOf(number.verified_name)]
        .filter(Boolean)
        .join(', ');
      const quality = stringOf(number.quality_rating);
      return `WhatsApp number ${name || config.phoneNumberId} is connected${quality ? ` (quality rating ${quality})` : ''}`;
    } catch (err) {
      throw checkError(err, { idField: 'phoneNumberId', tokenField: 'accessToken' });
    }
  }

  /** The message fields of one part; a file is uploaded to `/{phoneNumberId}/media` first. */
  private async messageOf(
    config: WhatsappConfig,
    part: ReplyPart,
    template: ReturnType<typeof templateReplyOf>,
  ): Promise<object> {
    if (part.kind === 'text') return { type: 'text', text: { body: part.text } };
    if (part.kind === 'template') {
      if (!template) throw new PermanentDeliveryError('The reply names no template');
      const found = findTemplate(config.templates ?? [], template);
      if (typeof found === 'string') throw new PermanentDeliveryError(found);
      return {
        type: 'template',
        template: {
          name: found.name,
          language: { code: found.language },
          components: template.variables.length
            ? [
                {
                  type: 'body',
                  parameters: template.variables.map((text) => ({ type: 'text', text })),
                },
              ]
            : [],
        },
      };
    }
    // Our attachment links need a signed-in session or a short-lived signature Meta would have to
    // fetch in time from PUBLIC_URL; uploading the bytes works wherever Touchpoint runs.
    const { file } = part;
    const contentType = safeType(file.contentType);
    const media = MEDIA_TYPES.find(
      (m) => m.pattern.test(contentType) && file.content.length <= m.maxBytes,
    );
    const type = media?.type ?? 'document';
    const uploaded = await this.graph.call<{ id?: unknown }>(
      access(config),
      'POST',
      `${encodeURIComponent(config.phoneNumberId)}/media`,
      {
        multipart: await multipartBody(
          { messaging_product: 'whatsapp', type: contentType },
          { field: 'file', filename: file.filename, contentType, content: file.content },
        ),
      },
    );
    const id = stringOf(uploaded.id);
    if (!id) throw new PermanentDeliveryError('WhatsApp took the file without naming it');
    return { type, [type]: { id, ...(type === 'document' && { filename: file.filename }) } };
  }
}

function whatsappConfig(channel: Channel): WhatsappConfig {
  return channel.config as WhatsappConfig;
}

function access(config: WhatsappConfig): GraphAccess {
  return { apiBaseUrl: config.apiBaseUrl, token: config.accessToken };
}
