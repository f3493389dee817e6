import { randomUUID } from 'node:crypto';
import type { CallDetailsDto, DeliveryStatus, MessageType } from '@touchpoint/shared';
import type { EntityManager } from 'typeorm';
import type { EventBatch } from '../../../core/events/domain-events';
import type { DeliveryUpdate, NormalizedMessage } from '../../channels/channel-adapter';
import { Channel } from '../../channels/channel.entity';
import { previewOf } from '../conversation.mapper';
import { Conversation } from '../conversation.entity';
import { Attachment, Message, type MessageMetadata } from '../messages/message.entity';
import { TimelineEvent } from '../timeline-event.entity';
import { businessSecondsBetween } from '../../sla/business-time';
import { calendarOf, planSlaClocks } from './sla-clocks';
import { nextSeq, reserveSeqs } from './timeline';

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

/** One customer message to store, its contact and conversation already decided. */
export interface InboundToAppend {
  conversationId: string;
  contactId: string;
  channel: Channel;
  message: NormalizedMessage;
  address?: string;
  attachments: StoredAttachment[];
}

/**
 * Stores customer messages in the caller's transaction, in the given order, with a fixed number of
 * statements however many there are: the conversations are locked (in id order, so two batches never
 * deadlock here), positions reserved, the messages inserted in one statement and every conversation
 * updated in one. When a customer switched channels, the switch is recorded just before the message.
 * Redeliveries are the caller's to skip (the unique provider id refuses them here). Answers the new
 * messages' ids in the given order.
 */
export async function appendInbound(
  m: EntityManager,
  items: InboundToAppend[],
  batch: EventBatch,
): Promise<string[]> {
  if (items.length === 0) return [];
  const conversationIds = [...new Set(items.map((i) => i.conversationId))].sort();
  const states: {
    id: string;
    last_inbound_channel_id: string | null;
    channel_kinds: Conversation['channelKinds'];
    subject: string | null;
    waiting_since: Date | null;
  }[] = await m.query(
    `SELECT id, last_inbound_channel_id, channel_kinds, subject, waiting_since FROM conversations
      WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
    [conversationIds],
  );
  const state = new Map(
    states.map((s) => [
      s.id,
      {
        ...s,
        kinds: [...s.channel_kinds],
        preview: '',
        previewType: 'inbound' as MessageType,
        unread: 0,
        channelId: '',
        positions: 0,
        switches: 0,
      },
    ]),
  );
  const missing = conversationIds.find((id) => !state.has(id));
  if (missing) throw new Error(`Conversation ${missing} does not exist`);

  // Walk the messages in order: what each conversation looks like after each one.
  const plan: { item: InboundToAppend; id: string; switchedFrom: string | null }[] = [];
  for (const item of items) {
    const s = state.get(item.conversationId)!;
    const last = s.channelId || s.last_inbound_channel_id;
    const switchedFrom = last && last !== item.channel.id ? last : null;
    s.positions += switchedFrom ? 2 : 1;
    if (switchedFrom) s.switches += 1;
    s.channelId = item.channel.id;
    if (!s.kinds.includes(item.channel.kind)) s.kinds.push(item.channel.kind);
    if (!s.subject && item.message.subject) s.subject = item.message.subject.slice(0, 300);
    s.preview = previewOf(item.message.text || item.message.subject || '');
    s.previewType = item.message.call ? 'call' : 'inbound';
    s.unread += 1;
    plan.push({ item, id: randomUUID(), switchedFrom });
  }
  const first = await reserveSeqs(m, new Map([...state].map(([id, s]) => [id, s.positions])));

  const next = new Map(first);
  const take = (conversationId: string) => {
    const seq = next.get(conversationId)!;
    next.set(conversationId, seq + 1);
    return seq;
  };
  const switches: Pick<TimelineEvent, 'conversationId' | 'seq' | 'kind' | 'actorId' | 'data'>[] =
    [];
  const rows: (InboundToAppend & { id: string; seq: number })[] = [];
  const channelNames = new Map<string, Pick<Channel, 'id' | 'kind' | 'name'> | null>();
  for (const { item, id, switchedFrom } of plan) {
    if (switchedFrom) {
      if (!channelNames.has(switchedFrom))
        channelNames.set(
          switchedFrom,
          await m.getRepository(Channel).findOne({ where: { id: switchedFrom } }),
        );
      const from = channelNames.get(switchedFrom);
      switches.push({
        conversationId: item.conversationId,
        seq: take(item.conversationId),
        kind: 'conversation.channel_switched',
        actorId: null,
        data: {
          from: from ? { id: from.id, kind: from.kind, name: from.name } : null,
          to: { id: item.channel.id, kind: item.channel.kind, name: item.channel.name },
        },
      });
    }
    rows.push({ ...item, id, seq: take(item.conversationId) });
  }
  for (const e of switches)
    await m.query(
      `INSERT INTO timeline_events (conversation_id, seq, kind, actor_id, data) VALUES ($1, $2, $3, $4, $5)`,
      [e.conversationId, e.seq, e.kind, e.actorId, JSON.stringify(e.data)],
    );

  const col = <T>(f: (r: (typeof rows)[number]) => T) => rows.map(f);
  await m.query(
    `INSERT INTO messages (id, conversation_id, seq, type, channel_id, contact_id, subject, text, html,
       quoted, html_original, characters_replaced, provider_message_id, metadata, created_at, updated_at)
     SELECT id, conversation_id, seq, type, channel_id, contact_id, subject, text, html, quoted,
       html_original, characters_replaced, provider_message_id, metadata, clock_timestamp(), clock_timestamp()
       FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::uuid[], $5::uuid[], $6::varchar[], $7::text[],
         $8::text[], $9::text[], $10::text[], $11::boolean[], $12::varchar[], $13::jsonb[], $14::varchar[])
         AS t(id, conversation_id, seq, channel_id, contact_id, subject, text, html, quoted,
              html_original, characters_replaced, provider_message_id, metadata, type)`,
    [
      col((r) => r.id),
      col((r) => r.conversationId),
      col((r) => r.seq),
      col((r) => r.channel.id),
      col((r) => r.contactId),
      col((r) => r.message.subject?.slice(0, 300) ?? null),
      col((r) => r.message.text),
      col((r) => r.message.html ?? null),
      col((r) => r.message.quoted ?? null),
      col((r) => r.message.htmlOriginal ?? null),
      col((r) => r.message.charactersReplaced ?? false),
      col((r) => r.message.providerMessageId),
      col((r) => JSON.stringify(inboundMetadata(r))),
      col((r) => (r.message.call ? 'call' : 'inbound')),
    ],
  );
  const files = rows.flatMap((r) =>
    r.attachments.map((a) => ({
      messageId: r.id,
      filename: a.filename.slice(0, 255) || 'attachment',
      contentType: a.contentType.slice(0, 255) || 'application/octet-stream',
      size: a.size,
      storageKey: a.storageKey,
      contentId: a.contentId?.slice(0, 255) ?? null,
      inline: Boolean(a.inline),
    })),
  );
  if (files.length) await m.getRepository(Attachment).insert(files);

  const updated = [...state.values()];
  // A conversation that stays resolved (it only got a rating reply) keeps nobody waiting.
  await m.query(
    `UPDATE conversations c SET last_activity_at = now(), last_inbound_at = now(),
       waiting_since = CASE WHEN c.status = 'resolved' THEN NULL ELSE COALESCE(c.waiting_since, now()) END,
       last_inbound_channel_id = u.channel_id, preview_text = u.preview, preview_type = u.preview_type,
       unread_count = c.unread_count + u.unread, channel_kinds = string_to_array(u.kinds, ',')::varchar[],
       subject = COALESCE(c.subject, u.subject), channel_switches = c.channel_switches + u.switches,
       updated_at = now()
     FROM unnest($1::uuid[], $2::uuid[], $3::varchar[], $4::int[], $5::text[], $6::varchar[],
       $7::varchar[], $8::int[]) AS u(id, channel_id, preview, unread, kinds, subject, preview_type, switches)
     WHERE c.id = u.id`,
    [
      updated.map((s) => s.id),
      updated.map((s) => s.channelId),
      updated.map((s) => s.preview),
      updated.map((s) => s.unread),
      updated.map((s) => s.kinds.join(',')),
      updated.map((s) => s.subject),
      updated.map((s) => s.previewType),
      updated.map((s) => s.switches),
    ],
  );
  // The customer now waits on us where nobody waited before: their response target starts.
  await planSlaClocks(
    m,
    updated.filter((s) => s.waiting_since === null).map((s) => s.id),
    batch,
  );
  for (const r of rows)
    batch.add('message.created', { conversationId: r.conversationId, messageId: r.id });
  for (const s of updated) batch.add('conversation.updated', { conversationId: s.id });
  return rows.map((r) => r.id);
}

function inboundMetadata({ address, message }: InboundToAppend): MessageMetadata {
  return {
    ...(address && { address }),
    ...(message.call && { call: message.call }),
    ...(message.call && message.callReport && { callRanks: message.callReport }),
    ...(message.email?.messageId && { emailMessageId: message.email.messageId }),
    ...(message.email?.inReplyTo?.length && { inReplyTo: message.email.inReplyTo }),
    ...(message.email?.references?.length && { references: message.email.references }),
    ...(message.droppedAttachments?.length && { droppedAttachments: message.droppedAttachments }),
  };
}

interface Authored {
  authorUserId: string;
  text: string;
  clientMessageId: string;
}

/**
 * A reply to the customer, queued for delivery through `channel` to `address`, in the caller's
 * transaction with `conversation` locked. Answering marks the conversation read. A reply that is an
 * approved template names it in its metadata, where the channel's adapter reads it.
 */
export async function appendReply(
  m: EntityManager,
  conversation: Pick<Conversation, 'id' | 'channelKinds'>,
  input: Authored & {
    channel: Pick<Channel, 'id' | 'kind'>;
    address: string;
    template?: { name: string; language: string; variables: string[] };
    /** Files the agent uploaded for this reply, already in storage, in their order. */
    attachments?: StoredAttachment[];
  },
  batch: EventBatch,
): Promise<Message> {
  const { template } = input;
  const message = await insertAuthored(m, conversation.id, input, {
    type: 'outbound',
    channelId: input.channel.id,
    deliveryStatus: 'queued',
    metadata: {
      address: input.address,
      ...(template && {
        templateName: template.name,
        templateLanguage: template.language,
        templateVariables: template.variables,
      }),
    },
  });
  const files = (input.attachments ?? []).map((a) => ({
    messageId: message.id,
    filename: a.filename.slice(0, 255) || 'attachment',
    contentType: a.contentType.slice(0, 255) || 'application/octet-stream',
    size: a.size,
    storageKey: a.storageKey,
    contentId: null,
    inline: false,
  }));
  if (files.length) await m.getRepository(Attachment).insert(files);
  const kinds = conversation.channelKinds;
  await touch(m, conversation.id, message, {
    unreadCount: 0,
    waitingSince: null,
    channelKinds: kinds.includes(input.channel.kind) ? kinds : [...kinds, input.channel.kind],
  });
  await answered(m, conversation.id, batch);
  addCreated(batch, message);
  return message;
}

/**
 * A message the product sends the customer on its own (a satisfaction survey), queued for delivery
 * like a reply. Nobody answered with it: the reply count, the first response and the waiting
 * clock stay as they are.
 */
export async function appendSystemReply(
  m: EntityManager,
  conversationId: string,
  input: {
    text: string;
    clientMessageId: string;
    channel: Pick<Channel, 'id'>;
    address: string;
    purpose: string;
  },
  batch: EventBatch,
): Promise<Message> {
  const message = await m.getRepository(Message).save({
    conversationId,
    seq: await nextSeq(m, conversationId),
    type: 'outbound',
    channelId: input.channel.id,
    authorUserId: null,
    text: input.text,
    clientMessageId: input.clientMessageId,
    deliveryStatus: 'queued',
    metadata: { address: input.address, system: input.purpose },
  });
  await touch(m, conversationId, message, {});
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

/** A call an agent had with the customer, logged by hand; never sent. */
export async function appendCall(
  m: EntityManager,
  conversation: Pick<Conversation, 'id' | 'contactId'>,
  input: Authored & { call: CallDetailsDto },
  batch: EventBatch,
): Promise<Message> {
  const message = await m.getRepository(Message).save({
    conversationId: conversation.id,
    seq: await nextSeq(m, conversation.id),
    type: 'call',
    contactId: conversation.contactId,
    channelId: null,
    authorUserId: input.authorUserId,
    text: input.text,
    clientMessageId: input.clientMessageId,
    deliveryStatus: null,
    metadata: { call: input.call },
  });
  // Speaking with the customer answers them.
  await touch(m, conversation.id, message, { waitingSince: null });
  await answered(m, conversation.id, batch);
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
  extra: Partial<Pick<Conversation, 'unreadCount' | 'channelKinds' | 'waitingSince'>>,
): Promise<void> {
  await m.getRepository(Conversation).update(conversationId, {
    lastActivityAt: new Date(),
    previewText: previewOf(message.text),
    previewType: message.type,
    ...extra,
  });
}

/**
 * Staff answered the customer: counted, the first answer kept with its time in the team's business
 * hours, and the response clock stops.
 */
async function answered(m: EntityManager, conversationId: string, batch: EventBatch) {
  const [c]: {
    first_response_at: Date | null;
    created_at: Date;
    business_hours: unknown;
    now: Date;
  }[] = await m.query(
    `SELECT c.first_response_at, c.created_at, t.business_hours, now() AS now
       FROM conversations c LEFT JOIN teams t ON t.id = c.team_id WHERE c.id = $1`,
    [conversationId],
  );
  const firstResponseSeconds =
    c && !c.first_response_at
      ? Math.round(businessSecondsBetween(calendarOf(c.business_hours), c.created_at, c.now))
      : null;
  await m.query(
    `UPDATE conversations SET replies_count = replies_count + 1,
            first_response_at = COALESCE(first_response_at, now()),
            first_response_seconds = COALESCE(first_response_seconds, $2)
      WHERE id = $1`,
    [conversationId, firstResponseSeconds],
  );
  await planSlaClocks(m, [conversationId], batch);
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

/**
 * The provider took the reply: its id is recorded, the lease ends, and news the provider sent about
 * that id before this commit (a fast status callback) is applied now.
 */
export async function markSent(
  m: EntityManager,
  message: Pick<Message, 'id' | 'conversationId' | 'channelId' | 'metadata'>,
  providerMessageId: string,
  metadata: Partial<MessageMetadata>,
  batch: EventBatch,
): Promise<void> {
  const pid = providerMessageId.slice(0, 500);
  if (message.channelId && pid) await lockProviderId(m, message.channelId, pid);
  type News = { status: DeliveryUpdate['status']; error: string | null };
  const [early]: [News[], number] =
    message.channelId && pid
      ? await m.query(
          `DELETE FROM delivery_news WHERE channel_id = $1 AND provider_message_id = $2
           RETURNING status, error`,
          [message.channelId, pid],
        )
      : [[], 0];
  let status: DeliveryStatus = 'sent';
  let error: string | null = null;
  for (const news of early) {
    const next = advanceDelivery(status, news.status);
    if (next) [status, error] = [next, next === 'failed' ? failureReason(news.error) : null];
  }
  await m.getRepository(Message).update(message.id, {
    deliveryStatus: status,
    deliveryError: error,
    providerMessageId: pid,
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

/** Where each status stands on a reply's way; `failed` ends it and is handled apart. */
const PROGRESS: Record<Exclude<DeliveryStatus, 'failed'>, number> = {
  queued: 0,
  sending: 1,
  sent: 2,
  delivered: 3,
  read: 4,
};

/**
 * The status a reply takes on a provider's news, or null when the news changes nothing. News comes
 * late, twice or out of order ("delivered" after "read"): a reply never moves back. A failure (a
 * bounce may follow "delivered" for email) ends a reply not yet read; a failed reply stays failed.
 */
export function advanceDelivery(
  current: DeliveryStatus | null,
  news: DeliveryUpdate['status'],
): DeliveryStatus | null {
  if (current === null || current === 'failed') return null;
  if (news === 'failed') return current === 'read' ? null : 'failed';
  return PROGRESS[news] > PROGRESS[current] ? news : null;
}

const failureReason = (error: string | null | undefined) =>
  (error ?? 'The provider reported a failed delivery').slice(0, 1000);

/** News about a provider id and the send recording that id take turns (see markSent). */
async function lockProviderId(m: EntityManager, channelId: string, pid: string): Promise<void> {
  await m.query(`SELECT pg_advisory_xact_lock(hashtext('delivery:' || $1 || ':' || $2))`, [
    channelId,
    pid,
  ]);
}

/**
 * A provider's delivery news (status callback, bounce) about one of our replies, applied as
 * `advanceDelivery` says. News naming a provider id no reply has yet is kept for the send that will
 * record it (the callback beat our commit); `markSent` applies it. False when nothing changed now.
 */
export async function recordDeliveryNews(
  m: EntityManager,
  channelId: string,
  update: DeliveryUpdate,
  batch: EventBatch,
): Promise<boolean> {
  const pid = update.providerMessageId?.slice(0, 500);
  if (!update.messageId && !pid) return false;
  if (!update.messageId && pid) await lockProviderId(m, channelId, pid);
  const qb = m
    .getRepository(Message)
    .createQueryBuilder('m')
    .where(`m.type = 'outbound'`)
    .setLock('pessimistic_write');
  if (update.messageId) qb.andWhere('m.id = :id', { id: update.messageId });
  else
    qb.andWhere(
      "m.channel_id = :channelId AND (m.provider_message_id = :pid OR m.metadata->>'emailMessageId' = :pid)",
      { channelId, pid },
    );
  const message = await qb.getOne();
  if (!message) {
    if (!update.messageId && pid)
      await m.query(
        `INSERT INTO delivery_news (channel_id, provider_message_id, status, error)
         VALUES ($1, $2, $3, $4)`,
        [channelId, pid, update.status, update.error?.slice(0, 1000) ?? null],
      );
    return false;
  }
  const next = advanceDelivery(message.deliveryStatus, update.status);
  if (!next) return false;
  await m.getRepository(Message).update(message.id, {
    deliveryStatus: next,
    deliveryError: next === 'failed' ? failureReason(update.error) : null,
  });
  announce(batch, message);
  return true;
}

/** News about provider ids no send recorded within this time concerned no reply of ours. */
export const DELIVERY_NEWS_KEEP_SECONDS = 24 * 3600;

/** Drops kept news that no send claimed (replies sent from the provider's console, say). */
export async function forgetUnclaimedDeliveryNews(m: EntityManager): Promise<number> {
  const [, removed]: [unknown, number] = await m.query(
    `DELETE FROM delivery_news WHERE received_at < now() - make_interval(secs => $1)`,
    [DELIVERY_NEWS_KEEP_SECONDS],
  );
  return removed;
}
