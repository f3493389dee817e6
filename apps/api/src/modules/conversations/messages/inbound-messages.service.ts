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
import { appendInbound, recordDeliveryNews, type StoredAttachment } from '../conversation-writer';
import { Message } from './message.entity';

/** What providers tell us: customer messages, and delivery news about our replies. */
@Injectable()
export class InboundMessagesService {
  private readonly logger = new Logger('Messages');

  constructor(
    private readonly storage: FileStorage,
    private readonly events: DomainEvents,
  ) {}

  /**
   * Stores one customer message in the caller's transaction (inbound worker). Returns null when this
   * channel already has a message with the provider id (a redelivery).
   */
  async storeInbound(
    m: EntityManager,
    input: {
      conversationId: string;
      contactId: string;
      channel: Channel;
      message: NormalizedMessage;
      address?: string;
    },
    batch: EventBatch,
  ): Promise<Message | null> {
    const { channel, message } = input;
    const duplicate = await m
      .getRepository(Message)
      .exists({ where: { channelId: channel.id, providerMessageId: message.providerMessageId } });
    if (duplicate) return null;
    const attachments = await this.storeFiles(message.providerMessageId, message.attachments);
    return appendInbound(m, { ...input, attachments }, batch);
  }

  /** A provider's delivery news (status callback, bounce) about one of our replies. */
  async applyDelivery(channelId: string, update: DeliveryUpdate): Promise<boolean> {
    const changed = await this.events.transaction((m, batch) =>
      recordDeliveryNews(m, channelId, update, batch),
    );
    return changed;
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
