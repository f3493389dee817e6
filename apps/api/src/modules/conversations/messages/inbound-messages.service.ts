import { Injectable, Logger } from '@nestjs/common';
import { ATTACHMENT_MAX_BYTES, MESSAGE_ATTACHMENTS_MAX_BYTES } from '@touchpoint/shared';
import type { EntityManager } from 'typeorm';
import { DomainEvents, EventBatch } from '../../../core/events/domain-events';
import { FileStorage } from '../../../core/storage/file-storage';
import type {
  DeliveryUpdate,
  InboundAttachment,
  NormalizedMessage,
} from '../../channels/channel-adapter';
import type { Channel } from '../../channels/channel.entity';
import {
  appendInbound,
  recordDeliveryNews,
  type InboundToAppend,
  type StoredAttachment,
} from '../conversation-writer';

/** What providers tell us: customer messages, and delivery news about our replies. */
@Injectable()
export class InboundMessagesService {
  private readonly logger = new Logger('Messages');

  constructor(
    private readonly storage: FileStorage,
    private readonly events: DomainEvents,
  ) {}

  /**
   * Stores customer messages in the caller's transaction (inbound worker), in the given order.
   * Messages this channel already has under their provider id (redeliveries) are skipped. Answers
   * the new messages' ids, null for a skipped one.
   */
  async storeInbound(
    m: EntityManager,
    inputs: {
      conversationId: string;
      contactId: string;
      channel: Channel;
      message: NormalizedMessage;
      address?: string;
    }[],
    batch: EventBatch,
  ): Promise<(string | null)[]> {
    const known: { channel_id: string; provider_message_id: string }[] = inputs.length
      ? await m.query(
          `SELECT channel_id, provider_message_id FROM messages
            WHERE (channel_id, provider_message_id) IN (SELECT * FROM unnest($1::uuid[], $2::varchar[]))`,
          [inputs.map((i) => i.channel.id), inputs.map((i) => i.message.providerMessageId)],
        )
      : [];
    const seen = new Set(known.map((k) => `${k.channel_id} ${k.provider_message_id}`));
    const fresh: (InboundToAppend | null)[] = [];
    for (const input of inputs) {
      const key = `${input.channel.id} ${input.message.providerMessageId}`;
      if (seen.has(key)) {
        fresh.push(null);
        continue;
      }
      seen.add(key);
      const attachments = await this.storeFiles(
        input.message.providerMessageId,
        input.message.attachments,
      );
      fresh.push({ ...input, attachments });
    }
    const ids = await appendInbound(
      m,
      fresh.filter((f): f is InboundToAppend => f !== null),
      batch,
    );
    return fresh.map((f) => (f ? (ids.shift() ?? null) : null));
  }

  /** A provider's delivery news (status callback, bounce) about one of our replies. */
  async applyDelivery(channelId: string, update: DeliveryUpdate): Promise<boolean> {
    const changed = await this.events.transaction((m, batch) =>
      recordDeliveryNews(m, channelId, update, batch),
    );
    return changed;
  }

  /**
   * Delivery news in the caller's transaction (a batch of inbound events), in the given order:
   * messaging providers send two or three per reply, so they travel in batches like messages.
   */
  async recordDeliveries(
    m: EntityManager,
    news: { channelId: string; update: DeliveryUpdate }[],
    batch: EventBatch,
  ): Promise<void> {
    for (const { channelId, update } of news) await recordDeliveryNews(m, channelId, update, batch);
  }

  /** Puts the files in storage; over the size limits they are skipped, and the message still stored. */
  private async storeFiles(
    providerMessageId: string,
    attachments: InboundAttachment[],
  ): Promise<StoredAttachment[]> {
    const stored: StoredAttachment[] = [];
    let total = 0;
    for (const a of attachments) {
      if (
        a.content.length > ATTACHMENT_MAX_BYTES ||
        total + a.content.length > MESSAGE_ATTACHMENTS_MAX_BYTES
      ) {
        this.logger.warn(
          `Attachment ${a.filename} of message ${providerMessageId} skipped: over the size limit`,
        );
        continue;
      }
      total += a.content.length;
      const storageKey = await this.storage.put(a.content, {
        filename: a.filename,
        contentType: a.contentType,
      });
      stored.push({
        filename: a.filename,
        contentType: a.contentType,
        size: a.content.length,
        storageKey,
        contentId: a.contentId,
        inline: a.inline,
      });
    }
    return stored;
  }
}
