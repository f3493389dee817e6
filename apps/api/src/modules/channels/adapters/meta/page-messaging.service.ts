import { Injectable } from '@nestjs/common';
import type { ChannelConfig } from '@touchpoint/shared';
import {
  ChannelConnectError,
  PermanentDeliveryError,
  UnparseablePayloadError,
  type DeliveryUpdate,
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
import { PROVIDER } from './meta-delivery-errors';
import { arrayOf, objectOf, stringOf, textOf } from './meta-json';
import { fetchPageAttachment } from './meta-media';
import { multipartBody, safeType } from '../../multipart';
import { partsOf, sendParts, type ReplyPart } from './meta-reply-parts';
import { MetaStoredMessages } from './meta-stored-messages.query';
import { TEXT_LIMITS } from './meta-text';
import {
  completePageDraft,
  readPageWebhook,
  type PageChannelKind,
  type PageDraft,
  type PageReceipt,
} from './page-webhook.parser';

type PageConfig = ChannelConfig<'messenger'> | ChannelConfig<'instagram'>;

/** Meta's standard messaging window, and the longer one of a reply tagged as a person's. */
const STANDARD_WINDOW_MS = 24 * 3600 * 1000;
export const HUMAN_AGENT_WINDOW_MS = 7 * 24 * 3600 * 1000;

/** The fields a Messenger page subscribes the app to, for the events the inbox reads. */
export const MESSENGER_WEBHOOK_FIELDS = [
  'messages',
  'message_echoes',
  'message_deliveries',
  'message_reads',
  'message_reactions',
  'messaging_postbacks',
];

/**
 * Messenger and Instagram both speak the Messenger Platform: the same webhook events, the Send API
 * and the attachment upload. Their adapters hand their kind to this one implementation.
 */
@Injectable()
export class PageMessaging {
  constructor(
    private readonly graph: GraphApiClient,
    private readonly stored: MetaStoredMessages,
  ) {}

  async parse(kind: PageChannelKind, event: InboundEvent, channel: Channel): Promise<ParseResult> {
    const config = pageConfig(channel);
    const reading = readPageWebhook(event.payload, kind, config.pageId);
    if (reading.kind === 'invalid') throw new UnparseablePayloadError(reading.reason);
    if (reading.kind === 'ignored') return reading;
    if (reading.kind === 'echoes') {
      // The page's own messages come back as echoes. Ours are on the thread already; one a person
      // sent from Meta's inbox is not the customer's, and the inbox has no way yet to store a reply
      // it did not send, so it is kept here as an ignored event with that reason.
      const reasons: string[] = [];
      for (const echo of reading.echoes) {
        const own = await this.stored.isOwnReply(channel.id, echo.mid, {
          kind,
          address: echo.customerId,
        });
        reasons.push(
          own
            ? `Echo of a reply sent from Touchpoint (${echo.mid})`
            : `The page's own message ${echo.mid}, sent outside Touchpoint (e.g. from Meta Business Suite): not a customer message`,
        );
      }
      return { kind: 'ignored', reason: reasons.join('; ') };
    }
    if (reading.kind === 'receipts') {
      const updates = await this.receiptUpdates(kind, channel, reading.receipts);
      return updates.length
        ? { kind: 'delivery', updates }
        : { kind: 'ignored', reason: `A ${PROVIDER[kind]} receipt covering no reply of ours` };
    }
    const messages: NormalizedMessage[] = [];
    for (const draft of reading.drafts)
      messages.push(await this.complete(kind, config, channel, draft));
    return { kind: 'messages', messages };
  }

  /**
   * Meta's messaging window: a page answers within 24 hours of the customer's last message, and as a
   * person (the HUMAN_AGENT tag) for 7 days; after that nothing until the customer writes again.
   */
  async replyWindow(
    kind: PageChannelKind,
    channel: Channel,
    contactId: string,
  ): Promise<ReplyWindow> {
    const last = await this.stored.lastInboundAt(channel.id, contactId);
    const closesAt = last ? new Date(new Date(last).getTime() + HUMAN_AGENT_WINDOW_MS) : null;
    const provider = PROVIDER[kind];
    return {
      open: closesAt !== null && closesAt.getTime() > Date.now(),
      closesAt,
      templates: [],
      closedReason: closesAt
        ? `The customer last wrote on ${provider} more than 7 days ago: ${provider} takes no reply until they write again`
        : `The customer has not written to this ${provider} account yet: ${provider} takes replies only after they write`,
    };
  }

  /**
   * Texts (split at the channel's limit) through the Send API, then each file, uploaded first with
   * the attachment upload API. Within 24 hours of the customer's last message they are RESPONSE
   * messages; later, up to 7 days, HUMAN_AGENT-tagged ones (Meta's tag for a person answering late).
   */
  async send(kind: PageChannelKind, ctx: OutboundContext): Promise<SendResult> {
    if (ctx.recipient.kind !== kind)
      throw new PermanentDeliveryError(
        `A ${PROVIDER[kind]} channel cannot reach a ${ctx.recipient.kind} identity`,
      );
    const config = pageConfig(ctx.channel);
    const recipient = { id: ctx.recipient.address };
    const last = await this.stored.lastInboundAt(ctx.channel.id, ctx.contact.id);
    const late = !last || Date.now() - new Date(last).getTime() > STANDARD_WINDOW_MS;
    const type = late
      ? { messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' }
      : { messaging_type: 'RESPONSE' };
    const parts = partsOf(ctx.message.text, ctx.message.attachments, TEXT_LIMITS[kind]);
    if (!parts.length) throw new PermanentDeliveryError('The reply has neither text nor files');
    const ids = await sendParts(parts, { kind, channel: ctx.channel }, async (part) => {
      const message = await this.messageOf(kind, config, part);
      const answer = await this.graph.call<{ message_id?: unknown }>(
        access(config),
        'POST',
        `${encodeURIComponent(config.pageId)}/messages`,
        { json: { recipient, ...type, message } },
      );
      const id = stringOf(answer.message_id);
      if (!id)
        throw new PermanentDeliveryError(`${PROVIDER[kind]} took the message without naming it`);
      return id;
    });
    return { providerMessageId: ids[0], metadata: { metaMessageIds: ids } };
  }

  /** The page and token work; for Messenger, the page also delivers its messages to an app. */
  async check(kind: PageChannelKind, channel: Channel): Promise<string> {
    const config = pageConfig(channel);
    const id = encodeURIComponent(config.pageId);
    try {
      if (kind === 'instagram') {
        const page = await this.graph.call<Record<string, unknown>>(
          access(config),
          'GET',
          `${id}?fields=name,instagram_business_account{username}`,
        );
        const account = objectOf(page.instagram_business_account);
        if (!stringOf(account.id) && !stringOf(account.username))
          throw new ChannelConnectError(
            `The page ${stringOf(page.name) ?? config.pageId} has no Instagram professional account linked: link it in the page's settings`,
          );
        const username = stringOf(account.username);
        return `Instagram ${username ? `@${username}` : 'account'} (page ${stringOf(page.name) ?? config.pageId}) is connected`;
      }
      const page = await this.graph.call<Record<string, unknown>>(
        access(config),
        'GET',
        `${id}?fields=name`,
      );
      const apps = await this.graph.call<{ data?: unknown }>(
        access(config),
        'GET',
        `${id}/subscribed_apps`,
      );
      const fields = arrayOf(apps.data).flatMap((a) => arrayOf(objectOf(a).subscribed_fields));
      if (!fields.includes('messages'))
        throw new ChannelConnectError(
          `The page ${stringOf(page.name) ?? config.pageId} sends its messages to no app: subscribe it to the webhook fields ${MESSENGER_WEBHOOK_FIELDS.join(', ')} in the Meta app's Messenger settings`,
        );
      return `Messenger page ${stringOf(page.name) ?? config.pageId} is connected`;
    } catch (err) {
      throw checkError(err, { idField: 'pageId', tokenField: 'pageAccessToken' });
    }
  }

  private async complete(
    kind: PageChannelKind,
    config: PageConfig,
    channel: Channel,
    draft: PageDraft,
  ): Promise<NormalizedMessage> {
    const earlier = draft.reference
      ? await this.stored.textOf(channel.id, draft.reference.mid)
      : undefined;
    const { text, quoted } = completePageDraft(draft, earlier);
    const attachments: InboundAttachment[] = [];
    const droppedAttachments: string[] = [];
    for (const ref of draft.files) {
      const file = await fetchPageAttachment(this.graph, config, ref);
      if ('dropped' in file) droppedAttachments.push(`${ref.filename}: ${file.dropped}`);
      else attachments.push(file);
    }
    const name = await this.nameOf(kind, config, draft.customerId);
    return {
      providerMessageId: draft.providerMessageId,
      contact: { ...draft.contact, ...(name && { name }) },
      text,
      ...(quoted && { quoted }),
      attachments,
      ...(droppedAttachments.length && { droppedAttachments }),
      ...(draft.sentAt && { sentAt: draft.sentAt }),
    };
  }

  /**
   * The customer's name from the profile API, asked once (for a customer the inbox does not know
   * yet). Optional: without the permission, or when Meta does not answer, the message is stored
   * without a name rather than held back.
   */
  private async nameOf(
    kind: PageChannelKind,
    config: PageConfig,
    customerId: string,
  ): Promise<string | undefined> {
    if (await this.stored.hasIdentity(kind, customerId)) return undefined;
    const fields = kind === 'instagram' ? 'name,username' : 'first_name,last_name';
    try {
      const profile = await this.graph.call<Record<string, unknown>>(
        access(config),
        'GET',
        `${encodeURIComponent(customerId)}?fields=${fields}`,
      );
      const full =
        textOf(profile.name) ??
        [textOf(profile.first_name), textOf(profile.last_name)].filter(Boolean).join(' ');
      const username = stringOf(profile.username);
      const name = full?.trim()
        ? `${full.trim()}${username ? ` (@${username})` : ''}`
        : username && `@${username}`;
      return name || undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * Receipts as delivery news: the messages they name, and for a watermark (Messenger) or a read
   * message (Instagram) every earlier reply of ours to that customer that Meta took.
   */
  private async receiptUpdates(
    kind: PageChannelKind,
    channel: Channel,
    receipts: PageReceipt[],
  ): Promise<DeliveryUpdate[]> {
    const updates: DeliveryUpdate[] = [];
    const seen = new Set<string>();
    for (const receipt of receipts) {
      const { status } = receipt;
      for (const mid of receipt.mids)
        if (!seen.has(`p:${mid}`)) {
          seen.add(`p:${mid}`);
          updates.push({ providerMessageId: mid, status });
        }
      const until =
        receipt.watermark ??
        (receipt.mids.length ? await this.latestWritten(channel.id, receipt.mids) : undefined);
      if (!until) continue;
      const covered = await this.stored.repliesBefore(
        channel.id,
        { kind, address: receipt.customerId },
        until,
        status,
      );
      for (const { id } of covered)
        if (!seen.has(`m:${id}`)) {
          seen.add(`m:${id}`);
          updates.push({ messageId: id, status });
        }
    }
    return updates;
  }

  private async latestWritten(channelId: string, mids: string[]): Promise<Date | undefined> {
    let latest: Date | undefined;
    for (const mid of mids) {
      const at = await this.stored.writtenAt(channelId, mid);
      if (at && (!latest || at > latest)) latest = at;
    }
    return latest;
  }

  /** The Send API `message` of one part; a file is uploaded first and sent by its attachment id. */
  private async messageOf(
    kind: PageChannelKind,
    config: PageConfig,
    part: ReplyPart,
  ): Promise<object> {
    if (part.kind === 'text') return { text: part.text };
    if (part.kind === 'template')
      throw new PermanentDeliveryError(`${PROVIDER[kind]} replies have no templates`);
    const { file } = part;
    const contentType = safeType(file.contentType);
    const type = /^(image|audio|video)\//.exec(contentType)?.[1] ?? 'file';
    const uploaded = await this.graph.call<{ attachment_id?: unknown }>(
      access(config),
      'POST',
      `${encodeURIComponent(config.pageId)}/message_attachments`,
      {
        multipart: await multipartBody(
          {
            ...(kind === 'instagram' && { platform: 'instagram' }),
            message: JSON.stringify({ attachment: { type, payload: { is_reusable: true } } }),
          },
          { field: 'filedata', filename: file.filename, contentType, content: file.content },
        ),
      },
    );
    const id = stringOf(uploaded.attachment_id);
    if (!id) throw new PermanentDeliveryError(`${PROVIDER[kind]} took the file without naming it`);
    return { attachment: { type, payload: { attachment_id: id } } };
  }
}

function pageConfig(channel: Channel): PageConfig {
  return channel.config as PageConfig;
}

function access(config: PageConfig): GraphAccess {
  return { apiBaseUrl: config.apiBaseUrl, token: config.pageAccessToken };
}
