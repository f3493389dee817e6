import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bullmq';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainEvents, EventBatch } from '../../core/events/domain-events';
import { HandlesJob, isLastAttempt, type JobHandler } from '../../core/queue/job-handler';
import { JOBS, QUEUES } from '../../core/queue/queue.constants';
import { withWellFormedText } from '../../core/text/well-formed-text';
import { UnparseablePayloadError, type NormalizedMessage } from '../channels/channel-adapter';
import { ChannelRegistry } from '../channels/channel-registry';
import { ChannelsService } from '../channels/channels.service';
import type { Channel } from '../channels/channel.entity';
import { ContactsService } from '../contacts/contacts.service';
import { normalizeAddress } from '../contacts/identity-address';
import { openConversation, reopenConversation } from '../conversations/conversation-writer';
import { decideThread, type ThreadCandidate } from '../conversations/threading';
import { InboundMessagesService } from '../conversations/messages/inbound-messages.service';
import { InboundEvent } from '../intake/inbound-event.entity';

interface InboundEventRow {
  id: string;
  channel_id: string;
  provider_message_id: string;
  payload: unknown;
  payload_text: string | null;
  raw: Buffer | null;
  status: InboundEvent['status'];
  attempts: number;
  created_at: Date;
}

class AlreadyProcessed extends Error {}

/**
 * A customer's message is never lost to an odd byte: NUL and unpaired surrogates (which PostgreSQL
 * refuses) are replaced by U+FFFD in everything stored of it, and the message says so. The raw
 * delivery keeps the original.
 */
function storableMessage(message: NormalizedMessage): NormalizedMessage {
  const { value, replaced } = withWellFormedText(message);
  return replaced ? { ...value, charactersReplaced: true } : message;
}

export interface ProcessInboundData {
  eventId: string;
}

/**
 * Step 2 of every inbound message: parse the stored delivery, resolve the contact, thread, store and
 * commit in one transaction, then announce. Idempotent: the event row is locked and must still be
 * pending, and messages are unique per channel and provider id, so redeliveries and retries after a
 * crash store nothing twice.
 */
@Injectable()
@HandlesJob(QUEUES.inbound, JOBS.processInbound)
export class InboundProcessJob implements JobHandler<ProcessInboundData> {
  private readonly logger = new Logger('InboundProcess');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly registry: ChannelRegistry,
    private readonly channels: ChannelsService,
    private readonly contacts: ContactsService,
    private readonly messages: InboundMessagesService,
    private readonly events: DomainEvents,
  ) {}

  async handle(job: Job<ProcessInboundData>): Promise<void> {
    const { eventId } = job.data;
    // Counts the attempt and loads the event in one statement; a processed event is left alone.
    const [rows]: [InboundEventRow[], number] = await this.db.query(
      `UPDATE inbound_events SET attempts = attempts + 1 WHERE id = $1 AND status = 'pending'
       RETURNING id, channel_id, provider_message_id, payload, payload_text, raw, status, attempts, created_at`,
      [eventId],
    );
    if (!rows[0]) return;
    const event = this.db.getRepository(InboundEvent).create({
      id: rows[0].id,
      channelId: rows[0].channel_id,
      providerMessageId: rows[0].provider_message_id,
      payload: rows[0].payload_text !== null ? JSON.parse(rows[0].payload_text) : rows[0].payload,
      payloadText: rows[0].payload_text,
      raw: rows[0].raw,
      status: rows[0].status,
      attempts: rows[0].attempts,
      createdAt: rows[0].created_at,
    });
    const channel = await this.channels.cached(event.channelId);
    if (!channel) return this.finish(eventId, 'failed', 'The channel of this event was deleted');
    const adapter = this.registry.find(channel.kind);
    if (!adapter)
      return this.finish(eventId, 'failed', `No adapter for channel kind ${channel.kind}`);

    let result;
    try {
      result = await adapter.parse(event, channel);
    } catch (err) {
      if (err instanceof UnparseablePayloadError)
        return this.finish(eventId, 'failed', err.message);
      return this.failOrRetry(job, eventId, err as Error);
    }

    if (result.kind === 'ignored') return this.finish(eventId, 'ignored', result.reason);
    if (result.kind === 'delivery') {
      for (const update of result.updates) await this.messages.applyDelivery(channel.id, update);
      return this.finish(eventId, 'processed', null);
    }

    const messages = result.messages.map(storableMessage);
    const batch = new EventBatch();
    try {
      await this.db.transaction(async (m) => {
        for (const message of messages) await this.store(m, channel, message, batch);
        // Exactly once: of two workers on the same event, the second waits on this row and then
        // finds it processed; its transaction is rolled back with everything it wrote.
        const [, affected]: [unknown, number] = await m.query(
          `UPDATE inbound_events SET status = 'processed', processed_at = now(), last_error = NULL
           WHERE id = $1 AND status = 'pending'`,
          [eventId],
        );
        if (affected !== 1) throw new AlreadyProcessed();
        await this.events.record(m, batch);
      });
    } catch (err) {
      if (err instanceof AlreadyProcessed) return;
      return this.failOrRetry(job, eventId, err as Error);
    }
    await this.events.publish(batch);
  }

  private async store(
    m: EntityManager,
    channel: Channel,
    message: NormalizedMessage,
    batch: EventBatch,
  ): Promise<void> {
    const { contact } = await this.contacts.resolve(
      m,
      message.contact.identities,
      message.contact.name,
    );

    // The contact row is locked by resolve(): two messages of one contact thread one after the other.
    const referenced = await this.findReferenced(m, message);
    const active: ThreadCandidate[] = await m.query(
      `SELECT id, status FROM conversations WHERE contact_id = $1 AND status <> 'resolved' ORDER BY last_activity_at DESC LIMIT 1`,
      [contact.id],
    );
    const decision = decideThread({ referenced, active: active[0] ?? null });
    const via = { id: channel.id, kind: channel.kind, name: channel.name };

    let conversationId: string;
    if (decision.action === 'create') {
      conversationId = await openConversation(
        m,
        { contactId: contact.id, teamId: channel.teamId, subject: message.subject, via },
        batch,
      );
    } else {
      conversationId = decision.conversationId;
      if (decision.reopen) await reopenConversation(m, conversationId, via, batch);
    }

    const address = message.contact.identities
      .map((i) => normalizeAddress(i.kind, i.address))
      .find((a): a is string => Boolean(a));
    await this.messages.storeInbound(
      m,
      { conversationId, contactId: contact.id, channel, message, address },
      batch,
    );
  }

  /** The conversation an email explicitly answers: its reply token, or a Message-ID we know. */
  private async findReferenced(
    m: EntityManager,
    message: NormalizedMessage,
  ): Promise<ThreadCandidate | null> {
    const token = message.email?.replyToken;
    if (token) {
      const rows: ThreadCandidate[] = await m.query(
        'SELECT id, status FROM conversations WHERE reply_token = $1',
        [token.toLowerCase()],
      );
      if (rows[0]) return rows[0];
    }
    const ids = [
      ...(message.email?.inReplyTo ?? []),
      ...(message.email?.references ?? []).slice().reverse(),
    ].filter(Boolean);
    if (ids.length === 0) return null;
    const rows: ThreadCandidate[] = await m.query(
      `SELECT c.id, c.status FROM messages msg JOIN conversations c ON c.id = msg.conversation_id
       WHERE msg.metadata->>'emailMessageId' = ANY($1::text[]) ORDER BY msg.created_at DESC LIMIT 1`,
      [ids],
    );
    return rows[0] ?? null;
  }

  private async finish(
    eventId: string,
    status: 'processed' | 'ignored' | 'failed',
    error: string | null,
  ): Promise<void> {
    await this.db
      .getRepository(InboundEvent)
      .update(
        { id: eventId, status: 'pending' },
        { status, lastError: error?.slice(0, 2000) ?? null, processedAt: new Date() },
      );
    if (status === 'failed') this.logger.warn(`Inbound event ${eventId} failed: ${error}`);
  }

  /** Transient trouble (database, storage): let BullMQ retry; after the last attempt keep it as failed. */
  private async failOrRetry(job: Job, eventId: string, err: Error): Promise<void> {
    if (isLastAttempt(job)) return this.finish(eventId, 'failed', err.message);
    await this.db
      .getRepository(InboundEvent)
      .update(eventId, { lastError: err.message.slice(0, 2000) });
    throw err;
  }
}
