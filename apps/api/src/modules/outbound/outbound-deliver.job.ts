import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { InjectQueue } from '@nestjs/bullmq';
import type { Job, Queue } from 'bullmq';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainEvents, EventBatch } from '../../core/events/domain-events';
import { HandlesJob, isLastAttempt, postpone, type JobHandler } from '../../core/queue/job-handler';
import { JOBS, QUEUES } from '../../core/queue/queue.constants';
import { RateLimiter } from '../../core/rate-limit/rate-limiter';
import { FileStorage } from '../../core/storage/file-storage';
import {
  PermanentDeliveryError,
  RetryLaterError,
  type ChannelAdapter,
  type OutboundContext,
  type SendResult,
} from '../channels/channel-adapter';
import { ChannelRegistry } from '../channels/channel-registry';
import type { Channel } from '../channels/channel.entity';
import type { Contact } from '../contacts/contact.entity';
import type { Conversation } from '../conversations/conversation.entity';
import {
  claimSend,
  markSendFailed,
  markSent,
  renewSendLease,
  requeueSend,
  SEND_LEASE_SECONDS,
} from '../conversations/conversation-writer';
import type { Message } from '../conversations/messages/message.entity';
import { findReplyToDeliver } from '../conversations/messages/reply-delivery.query';
import { loadRouting, routeReply } from '../conversations/reply-routing';
import { FileLinks } from '../../core/storage/file-links';

export interface DeliverOutboundData {
  messageId: string;
  /** Times the provider asked to wait (RetryLaterError) on this job, which cost no attempt. */
  waits?: number;
}

/**
 * How often a provider may make one reply wait without it costing an attempt; after that its asking
 * counts as a failed attempt, so a provider that never recovers still ends in `failed`.
 */
const MAX_PROVIDER_WAITS = 20;
/** A wait when the provider asked for one without saying how long. */
const DEFAULT_PROVIDER_WAIT_MS = 30_000;

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
  /** The send lease; shorter only in tests that watch it being renewed. */
  leaseSeconds = SEND_LEASE_SECONDS;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(QUEUES.outbound) private readonly outbound: Queue,
    private readonly registry: ChannelRegistry,
    private readonly storage: FileStorage,
    private readonly events: DomainEvents,
    private readonly limiter: RateLimiter,
    private readonly urls: FileLinks,
  ) {}

  async handle(job: Job<DeliverOutboundData>, token?: string): Promise<void> {
    const { messageId } = job.data;
    const message = await findReplyToDeliver(this.db.manager, messageId);
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
      return this.write((m, batch) =>
        markSent(m, message, message.providerMessageId ?? '', {}, batch),
      );

    // The provider's sending limit per channel: a reply over it waits for room, still queued.
    const rate = adapter.sendRate?.(channel);
    if (rate) {
      const hit = await this.limiter.hit([{ key: `send:${channel.id}`, ...rate }]);
      if (!hit.allowed) throw await postpone(job, token, hit.retryAfterMs);
    }

    const claim = await this.write((m, batch) => claimSend(m, message, batch, this.leaseSeconds));
    if (claim.kind === 'done') return;
    if (claim.kind === 'leased') return this.lookAgainAfter(message, claim.until);

    let result: SendResult;
    const heartbeat = this.keepLease(message.id, claim.attempt);
    try {
      const ctx = await this.context(message, { channel, conversation, contact, adapter });
      result = await adapter.send(ctx);
    } catch (err) {
      const error = err as Error;
      const waits = job.data.waits ?? 0;
      if (error instanceof RetryLaterError && waits < MAX_PROVIDER_WAITS) {
        await this.write((m, batch) => requeueSend(m, message, error.message, batch));
        await job.updateData({ ...job.data, waits: waits + 1 });
        throw await postpone(job, token, error.retryAfterMs ?? DEFAULT_PROVIDER_WAIT_MS);
      }
      const lastAttempt = isLastAttempt(job);
      if (error instanceof PermanentDeliveryError || lastAttempt)
        return this.fail(message, error.message);
      await this.write((m, batch) => requeueSend(m, message, error.message, batch));
      throw error;
    } finally {
      clearInterval(heartbeat);
    }
    // Sends are at-least-once. The provider has the reply now; if this process dies before the next
    // write commits, the message stays `sending` without a provider id and is sent again once its
    // lease runs out. That window (one short UPDATE) cannot be closed from our side: the receiver
    // drops the repeat by the key every send carries (Idempotency-Key / Message-ID, both derived
    // from the message id).
    await this.write((m, batch) =>
      markSent(m, message, result.providerMessageId, result.metadata ?? {}, batch),
    );
  }

  /**
   * Renews the claim's lease every third of it while the provider call runs, so a slow provider
   * keeps its sender and a dead sender's reply is free again within one lease.
   */
  private keepLease(messageId: string, attempt: number): NodeJS.Timeout {
    const timer = setInterval(
      () => {
        renewSendLease(this.db.manager, messageId, attempt, this.leaseSeconds).catch((err: Error) =>
          this.logger.warn(`Renewing the send lease of reply ${messageId} failed: ${err.message}`),
        );
      },
      (this.leaseSeconds * 1000) / 3,
    );
    timer.unref();
    return timer;
  }

  /**
   * Another worker holds the send (this job was taken over from it while it is still sending): this
   * one sends nothing now and looks again when the lease ends, so a reply whose worker died is still
   * sent. If Redis loses this job, the sweeper brings the reply back.
   */
  private async lookAgainAfter(message: Message, until: Date): Promise<void> {
    const delay = Math.max(until.getTime() - Date.now(), 0) + 1000;
    await this.outbound.add(
      JOBS.deliverOutbound,
      { messageId: message.id },
      { jobId: `${message.id}.lease.${until.getTime()}`, delay },
    );
  }

  /** One short transaction through the conversation's writer, its events stored with it. */
  private async write<T>(fn: (m: EntityManager, batch: EventBatch) => Promise<T>): Promise<T> {
    return this.events.transaction(fn);
  }

  private async context(
    message: Message,
    { channel, conversation, contact, adapter }: ReplyRoute,
  ): Promise<OutboundContext> {
    // The address chosen when the reply was written, if the rule still allows it; else the rule's.
    const routing = await loadRouting(this.db.manager, this.registry, conversation);
    const decision = routeReply(routing.facts, routing.channels, {
      type: 'reply',
      channelId: channel.id,
      address: message.metadata.address,
    });
    if (decision.kind !== 'route')
      throw new PermanentDeliveryError(
        decision.kind === 'refused' ? decision.reason : 'Notes are never sent',
      );
    const recipient = routing.identities.find(
      (i) => i.address === decision.route.address && adapter.reaches.includes(i.kind),
    );
    if (!recipient) throw new PermanentDeliveryError('The contact has no address to reply to');

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
        size: a.size,
        url: this.urls.absoluteUrl(a.id),
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
    await this.write((m, batch) => markSendFailed(m, message, reason, batch));
    this.logger.warn(`Reply ${message.id} failed: ${reason}`);
  }
}
