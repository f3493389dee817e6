import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { DomainEvents, EventBatch } from '../../core/events/domain-events';
import { HandlesJob, isLastAttempt, type JobHandler } from '../../core/queue/job-handler';
import { JOBS, QUEUES } from '../../core/queue/queue.constants';
import { FileStorage } from '../../core/storage/file-storage';
import {
  PermanentDeliveryError,
  type ChannelAdapter,
  type OutboundContext,
  type SendResult,
} from '../channels/channel-adapter';
import { ChannelRegistry } from '../channels/channel-registry';
import type { Channel } from '../channels/channel.entity';
import { ContactIdentity } from '../contacts/contact-identity.entity';
import type { Contact } from '../contacts/contact.entity';
import type { Conversation } from '../conversations/conversation.entity';
import { Message } from '../conversations/messages/message.entity';

export interface DeliverOutboundData {
  messageId: string;
}

/** What a reply goes out through, loaded and checked before the send is claimed. */
interface ReplyRoute {
  channel: Channel;
  conversation: Conversation;
  contact: Contact;
  adapter: ChannelAdapter;
}

/**
 * Sends one reply through its channel. Retried with exponential backoff by BullMQ; a permanent error or
 * the last attempt ends in `failed` with the reason. Sent messages, and messages whose provider id is
 * recorded, are never sent again, and notes are never sent at all, whatever job names them.
 */
@Injectable()
@HandlesJob(QUEUES.outbound, JOBS.deliverOutbound)
export class OutboundDeliverJob implements JobHandler<DeliverOutboundData> {
  private readonly logger = new Logger('OutboundDeliver');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly registry: ChannelRegistry,
    private readonly storage: FileStorage,
    private readonly events: DomainEvents,
  ) {}

  async handle(job: Job<DeliverOutboundData>): Promise<void> {
    const { messageId } = job.data;
    const message = await this.db.getRepository(Message).findOne({
      where: { id: messageId },
      relations: {
        channel: true,
        conversation: { contact: true },
        authorUser: true,
        attachments: true,
      },
    });
    if (!message || message.type !== 'outbound') return;
    if (message.deliveryStatus !== 'queued' && message.deliveryStatus !== 'sending') return;
    const { channel, conversation } = message;
    const contact = conversation?.contact;
    if (!channel || !conversation || !contact)
      return this.fail(message, 'The channel of this reply no longer exists');
    const adapter = this.registry.find(channel.kind);
    if (!adapter)
      return this.fail(message, `Replies through ${channel.kind} channels are not supported yet`);

    // Accepted by the provider before a crash kept us from marking it sent: never send it again.
    if (message.deliveryStatus === 'sending' && message.providerMessageId)
      return this.finish(message, message.providerMessageId, {});

    // Claim the send: only one worker moves it to `sending` for this attempt. A provider id from an
    // earlier send (a bounce an agent chose to retry) is cleared: this send gets its own.
    const claimed = await this.db
      .createQueryBuilder()
      .update(Message)
      .set({
        deliveryStatus: 'sending',
        providerMessageId: null,
        deliveryAttempts: () => 'delivery_attempts + 1',
      })
      .where(
        `id = :id AND (delivery_status = 'queued' OR (delivery_status = 'sending' AND provider_message_id IS NULL))`,
        { id: messageId },
      )
      .execute();
    if (!claimed.affected) return;
    await this.announce(message);

    let result: SendResult;
    try {
      const ctx = await this.context(message, { channel, conversation, contact, adapter });
      result = await adapter.send(ctx);
    } catch (err) {
      const error = err as Error;
      const lastAttempt = isLastAttempt(job);
      if (error instanceof PermanentDeliveryError || lastAttempt)
        return this.fail(message, error.message);
      await this.db.getRepository(Message).update(messageId, {
        deliveryStatus: 'queued',
        deliveryError: `Retrying: ${error.message}`.slice(0, 1000),
      });
      await this.announce(message);
      throw error;
    }
    // Sends are at-least-once. The provider has the reply now; if this process dies before the next
    // write commits, the message stays `sending` without a provider id and the sweeper sends it again.
    // That window (one short UPDATE) cannot be closed from our side: the receiver drops the repeat by
    // the key every send carries (Idempotency-Key / Message-ID, both derived from the message id).
    await this.finish(message, result.providerMessageId, result.metadata ?? {});
  }

  /** Records the provider's id in one short write, right after the send. */
  private async finish(
    message: Message,
    providerMessageId: string,
    metadata: NonNullable<SendResult['metadata']>,
  ): Promise<void> {
    await this.db.getRepository(Message).update(message.id, {
      deliveryStatus: 'sent',
      deliveryError: null,
      providerMessageId: providerMessageId.slice(0, 500),
      metadata: { ...message.metadata, ...metadata },
    });
    await this.announce(message);
  }

  private async context(
    message: Message,
    { channel, conversation, contact, adapter }: ReplyRoute,
  ): Promise<OutboundContext> {
    const address = message.metadata.address;
    const identities = await this.db
      .getRepository(ContactIdentity)
      .find({ where: { contactId: conversation.contactId } });
    const recipient =
      identities.find((i) => i.address === address && adapter.reaches.includes(i.kind)) ??
      identities.find((i) => adapter.reaches.includes(i.kind));
    if (!recipient)
      throw new PermanentDeliveryError(
        `The contact has no address this ${channel.kind} channel can reach`,
      );

    const threadIds: { id: string }[] = await this.db.query(
      `SELECT metadata->>'emailMessageId' AS id FROM messages
       WHERE conversation_id = $1 AND metadata ? 'emailMessageId' AND id <> $2 ORDER BY seq`,
      [conversation.id, message.id],
    );
    const references = threadIds.map((r) => r.id);
    const attachments = await Promise.all(
      (message.attachments ?? []).map(async (a) => ({
        filename: a.filename,
        contentType: a.contentType,
        content: await this.storage.get(a.storageKey),
      })),
    );
    return {
      channel,
      message: { id: message.id, text: message.text, subject: message.subject, attachments },
      conversation: {
        id: conversation.id,
        subject: conversation.subject,
        replyToken: conversation.replyToken,
      },
      contact: { id: contact.id, name: contact.name },
      recipient: { kind: recipient.kind, address: recipient.address, verified: recipient.verified },
      author: { id: message.authorUserId, name: message.authorUser?.name ?? '' },
      threading: { inReplyTo: references[references.length - 1], references },
    };
  }

  private async fail(message: Message, reason: string): Promise<void> {
    await this.db
      .getRepository(Message)
      .update(message.id, { deliveryStatus: 'failed', deliveryError: reason.slice(0, 1000) });
    this.logger.warn(`Reply ${message.id} failed: ${reason}`);
    await this.announce(message);
  }

  private async announce(message: Message): Promise<void> {
    await this.events.publish(
      EventBatch.of('message.updated', {
        conversationId: message.conversationId,
        messageId: message.id,
      }),
    );
  }
}
