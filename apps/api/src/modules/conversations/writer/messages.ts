import type { EntityManager } from 'typeorm';
import type { EventBatch } from '../../../core/events/domain-events';
import type { DeliveryUpdate, NormalizedMessage } from '../../channels/channel-adapter';
import { Channel } from '../../channels/channel.entity';
import { previewOf } from '../conversation.mapper';
import { Conversation } from '../conversation.entity';
import { Attachment, Message, type MessageMetadata } from '../messages/message.entity';
import { addTimelineEvent, nextSeq } from './timeline';

/**
 * How long a claimed send keeps other workers off the message. The sending worker renews the lease
 * while the provider call runs (every third of it), however long that takes, so a lease runs out
 * only when its worker died or hung: then the reply goes out again within this time.
 */
export const SEND_LEASE_SECONDS = 30;

/** A file already in storage, to be listed on the message. */
export interface StoredAttachment {
  filename: string;
  contentType: string;
  size: number;
  storageKey: string;
  contentId?: string | null;
  inline?: boolean;
}

function announce(batch: EventBatch, m: Pick<Message, 'id' | 'conversationId'>): void {
  batch.add('message.updated', { conversationId: m.conversationId, messageId: m.id });
}

/**
 * Stores one customer message in the caller's transaction. When the customer switched channels, the
 * switch is recorded just before the message. Redeliveries are the caller's to skip (the unique
 * provider id refuses them here).
 */
export async function appendInbound(
  m: EntityManager,
  input: {
    conversationId: string;
    contactId: string;
    channel: Channel;
    message: NormalizedMessage;
    address?: string;
    attachments: StoredAttachment[];
  },
  batch: EventBatch,
): Promise<Message> {
  const { conversationId, channel, message } = input;
  const [state]: {
    last_inbound_channel_id: string | null;
    channel_kinds: Conversation['channelKinds'];
    subject: string | null;
  }[] = await m.query(
    `SELECT last_inbound_channel_id, channel_kinds, subject FROM conversations WHERE id = $1 FOR UPDATE`,
    [conversationId],
  );
  if (!state) throw new Error(`Conversation ${conversationId} does not exist`);
  if (state.last_inbound_channel_id && state.last_inbound_channel_id !== channel.id) {
    const from = await m
      .getRepository(Channel)
      .findOne({ where: { id: state.last_inbound_channel_id } });
    await addTimelineEvent(m, conversationId, 'conversation.channel_switched', null, {
      from: from ? { id: from.id, kind: from.kind, name: from.name } : null,
      to: { id: channel.id, kind: channel.kind, name: channel.name },
    });
  }
  const saved = await m.getRepository(Message).save({
    conversationId,
    seq: await nextSeq(m, conversationId),
    type: 'inbound',
    channelId: channel.id,
    contactId: input.contactId,
    subject: message.subject?.slice(0, 300) ?? null,
    text: message.text,
    html: message.html ?? null,
    quoted: message.quoted ?? null,
    htmlOriginal: message.htmlOriginal ?? null,
    charactersReplaced: message.charactersReplaced ?? false,
    providerMessageId: message.providerMessageId,
    metadata: {
      ...(input.address && { address: input.address }),
      ...(message.email?.messageId && { emailMessageId: message.email.messageId }),
      ...(message.email?.inReplyTo?.length && { inReplyTo: message.email.inReplyTo }),
      ...(message.email?.references?.length && { references: message.email.references }),
      ...(message.droppedAttachments?.length && {
        droppedAttachments: message.droppedAttachments,
      }),
    },
  });
  for (const a of input.attachments)
    await m.getRepository(Attachment).insert({
      messageId: saved.id,
      filename: a.filename.slice(0, 255) || 'attachment',
      contentType: a.contentType.slice(0, 255) || 'application/octet-stream',
      size: a.size,
      storageKey: a.storageKey,
      contentId: a.contentId?.slice(0, 255) ?? null,
      inline: Boolean(a.inline),
    });

  const kinds = state.channel_kinds;
  await m.getRepository(Conversation).update(conversationId, {
    lastActivityAt: new Date(),
    lastInboundAt: new Date(),
    lastInboundChannelId: channel.id,
    previewText: previewOf(message.text || message.subject || ''),
    previewType: 'inbound',
    unreadCount: () => 'unread_count + 1',
    channelKinds: kinds.includes(channel.kind) ? kinds : [...kinds, channel.kind],
    ...(!state.subject && message.subject && { subject: message.subject.slice(0, 300) }),
  });
  batch.add('message.created', { conversationId, messageId: saved.id });
  batch.add('conversation.updated', { conversationId });
  return saved;
}

interface Authored {
  authorUserId: string;
  text: string;
  clientMessageId: string;
}

/**
 * A reply to the customer, queued for delivery through `channel` to `address`, in the caller's
 * transaction with `conversation` locked. Answering marks the conversation read.
 */
export async function appendReply(
  m: EntityManager,
  conversation: Pick<Conversation, 'id' | 'channelKinds'>,
  input: Authored & { channel: Pick<Channel, 'id' | 'kind'>; address: string },
  batch: EventBatch,
): Promise<Message> {
  const message = await insertAuthored(m, conversation.id, input, {
    type: 'outbound',
    channelId: input.channel.id,
    deliveryStatus: 'queued',
    metadata: { address: input.address },
  });
  const kinds = conversation.channelKinds;
  await touch(m, conversation.id, message, {
    unreadCount: 0,
    channelKinds: kinds.includes(input.channel.kind) ? kinds : [...kinds, input.channel.kind],
  });
  addCreated(batch, message);
  return message;
}

/** An internal note, or a participant's suggested reply for the owner to send. Never leaves. */
export async function appendNote(
  m: EntityManager,
  conversationId: string,
  input: Authored & { suggestion?: boolean },
  batch: EventBatch,
): Promise<Message> {
  const message = await insertAuthored(m, conversationId, input, {
    type: 'note',
    channelId: null,
    deliveryStatus: null,
    metadata: input.suggestion ? { suggestion: 'open' } : {},
  });
  await touch(m, conversationId, message, {});
  addCreated(batch, message);
  return message;
}

async function insertAuthored(
  m: EntityManager,
  conversationId: string,
  input: Authored,
  fields: Pick<Message, 'type' | 'channelId' | 'deliveryStatus' | 'metadata'>,
): Promise<Message> {
  return m.getRepository(Message).save({
    conversationId,
    seq: await nextSeq(m, conversationId),
    authorUserId: input.authorUserId,
    text: input.text,
    clientMessageId: input.clientMessageId,
    ...fields,
  });
}

async function touch(
  m: EntityManager,
  conversationId: string,
  message: Message,
  extra: Partial<Pick<Conversation, 'unreadCount' | 'channelKinds'>>,
): Promise<void> {
  await m.getRepository(Conversation).update(conversationId, {
    lastActivityAt: new Date(),
    previewText: previewOf(message.text),
    previewType: message.type,
    ...extra,
  });
}

function addCreated(batch: EventBatch, message: Message): void {
  batch.add('message.created', { conversationId: message.conversationId, messageId: message.id });
  batch.add('conversation.updated', { conversationId: message.conversationId });
}

/** The owner sent a suggested reply: the suggestion points at the reply that went out. */
export async function markSuggestionSent(
  m: EntityManager,
  suggestion: Pick<Message, 'id' | 'conversationId'>,
  sentMessageId: string,
  batch: EventBatch,
): Promise<void> {
  await m
    .createQueryBuilder()
    .update(Message)
    .set({
      metadata: () =>
        `metadata || jsonb_build_object('suggestion', 'sent', 'suggestionSentMessageId', :sentId::text)`,
    })
    .where('id = :id', { id: suggestion.id })
    .setParameter('sentId', sentMessageId)
    .execute();
  announce(batch, suggestion);
}

/** An agent sends a failed reply again. False when the message is not a failed reply. */
export async function requeueFailedReply(
  m: EntityManager,
  message: Pick<Message, 'id' | 'conversationId'>,
  batch: EventBatch,
): Promise<boolean> {
  const result = await m
    .createQueryBuilder()
    .update(Message)
    .set({ deliveryStatus: 'queued', deliveryError: null, sendingUntil: null })
    .where(`id = :id AND type = 'outbound' AND delivery_status = 'failed'`, { id: message.id })
    .execute();
  if (result.affected) announce(batch, message);
  return Boolean(result.affected);
}

export type SendClaim =
  /** `attempt` tells this claim from later ones: only its holder renews it. */
  | { kind: 'claimed'; attempt: number }
  /** Another worker is sending it right now: look again once its lease is over. */
  | { kind: 'leased'; until: Date }
  /** Nothing to send: sent, failed, or not a reply. */
  | { kind: 'done' };

/**
 * Claims the send of a reply for one worker and `leaseSeconds`, before the provider is called. Only
 * a reply waiting to be sent (queued, or `sending` without a provider id after a crash) whose lease
 * is free or ran out can be claimed, so a job taken over from a stalled worker that is still sending
 * does not send it a second time. A provider id from an earlier send (a bounce an agent chose to
 * retry) is cleared: this send gets its own.
 */
export async function claimSend(
  m: EntityManager,
  message: Pick<Message, 'id' | 'conversationId'>,
  batch: EventBatch,
  leaseSeconds = SEND_LEASE_SECONDS,
): Promise<SendClaim> {
  const [claimed]: [{ attempt: number }[], number] = await m.query(
    `UPDATE messages SET delivery_status = 'sending', provider_message_id = NULL,
       delivery_attempts = delivery_attempts + 1, updated_at = now(),
       sending_until = now() + make_interval(secs => $2)
     WHERE id = $1 AND type = 'outbound'
       AND (delivery_status = 'queued' OR (delivery_status = 'sending' AND provider_message_id IS NULL))
       AND (sending_until IS NULL OR sending_until <= now())
     RETURNING delivery_attempts AS attempt`,
    [message.id, leaseSeconds],
  );
  if (claimed.length) {
    announce(batch, message);
    return { kind: 'claimed', attempt: claimed[0].attempt };
  }
  const [leased]: { until: Date }[] = await m.query(
    `SELECT sending_until AS until FROM messages
     WHERE id = $1 AND delivery_status IN ('queued', 'sending') AND sending_until > now()`,
    [message.id],
  );
  return leased ? { kind: 'leased', until: leased.until } : { kind: 'done' };
}

/**
 * The sending worker is alive and still waiting for the provider: the lease of its claim runs
 * `leaseSeconds` from now. False when the send is no longer its own (finished, or claimed again
 * after its lease ran out).
 */
export async function renewSendLease(
  m: EntityManager,
  messageId: string,
  attempt: number,
  leaseSeconds = SEND_LEASE_SECONDS,
): Promise<boolean> {
  const [, affected]: [unknown, number] = await m.query(
    `UPDATE messages SET sending_until = now() + make_interval(secs => $3)
     WHERE id = $1 AND delivery_attempts = $2 AND delivery_status = 'sending'
       AND provider_message_id IS NULL AND sending_until IS NOT NULL`,
    [messageId, attempt, leaseSeconds],
  );
  return affected === 1;
}

/** The provider took the reply: its id is recorded in one short write, and the lease ends. */
export async function markSent(
  m: EntityManager,
  message: Pick<Message, 'id' | 'conversationId' | 'metadata'>,
  providerMessageId: string,
  metadata: Partial<MessageMetadata>,
  batch: EventBatch,
): Promise<void> {
  await m.getRepository(Message).update(message.id, {
    deliveryStatus: 'sent',
    deliveryError: null,
    providerMessageId: providerMessageId.slice(0, 500),
    sendingUntil: null,
    metadata: { ...message.metadata, ...metadata },
  });
  announce(batch, message);
}

/** A send failed for now: the reply waits for the job's next attempt, free for any worker. */
export async function requeueSend(
  m: EntityManager,
  message: Pick<Message, 'id' | 'conversationId'>,
  error: string,
  batch: EventBatch,
): Promise<void> {
  await m.getRepository(Message).update(message.id, {
    deliveryStatus: 'queued',
    deliveryError: `Retrying: ${error}`.slice(0, 1000),
    sendingUntil: null,
  });
  announce(batch, message);
}

/** The reply cannot be sent (permanent error, last attempt): failed, with the reason. */
export async function markSendFailed(
  m: EntityManager,
  message: Pick<Message, 'id' | 'conversationId'>,
  reason: string,
  batch: EventBatch,
): Promise<void> {
  await m.getRepository(Message).update(message.id, {
    deliveryStatus: 'failed',
    deliveryError: reason.slice(0, 1000),
    sendingUntil: null,
  });
  announce(batch, message);
}

/**
 * A provider's delivery news (status callback, bounce) about one of our replies. A late "delivered"
 * never overrides a failure; a failure (bounce) overrides "sent"/"delivered". False when the news
 * concerns no reply of ours or changes nothing.
 */
export async function recordDeliveryNews(
  m: EntityManager,
  channelId: string,
  update: DeliveryUpdate,
  batch: EventBatch,
): Promise<boolean> {
  const qb = m.getRepository(Message).createQueryBuilder('m').where(`m.type = 'outbound'`);
  if (update.messageId) qb.andWhere('m.id = :id', { id: update.messageId });
  else if (update.providerMessageId) {
    qb.andWhere(
      "m.channel_id = :channelId AND (m.provider_message_id = :pid OR m.metadata->>'emailMessageId' = :pid)",
      { channelId, pid: update.providerMessageId },
    );
  } else return false;
  const message = await qb.getOne();
  if (!message) return false;
  if (update.status === 'delivered' && message.deliveryStatus !== 'sent') return false;
  await m.getRepository(Message).update(message.id, {
    deliveryStatus: update.status,
    deliveryError:
      update.status === 'failed'
        ? (update.error ?? 'The provider reported a failed delivery').slice(0, 1000)
        : null,
  });
  announce(batch, message);
  return true;
}
