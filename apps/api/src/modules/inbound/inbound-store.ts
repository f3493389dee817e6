import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventBatch } from '../../core/events/domain-events';
import { withWellFormedText } from '../../core/text/well-formed-text';
import type { NormalizedMessage } from '../channels/channel-adapter';
import type { Channel } from '../channels/channel.entity';
import { ContactsService } from '../contacts/contacts.service';
import { normalizeAddress } from '../contacts/identity-address';
import {
  openConversations,
  reopenConversation,
  type ConversationToOpen,
} from '../conversations/conversation-writer';
import { decideThread, type ThreadCandidate } from '../conversations/threading';
import { InboundMessagesService } from '../conversations/messages/inbound-messages.service';
import { InboundEvent } from '../intake/inbound-event.entity';

/** An `inbound_events` row as the workers select it. */
export interface InboundEventRow {
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

/** The columns of `InboundEventRow`, for the statements that select or claim events. */
export const INBOUND_EVENT_COLUMNS =
  'id, channel_id, provider_message_id, payload, payload_text, raw, status, attempts, created_at';

/** The row as the adapters read it (a payload kept as JSON text is parsed back). */
export function toInboundEvent(row: InboundEventRow): InboundEvent {
  return Object.assign(new InboundEvent(), {
    id: row.id,
    channelId: row.channel_id,
    providerMessageId: row.provider_message_id,
    payload: row.payload_text !== null ? JSON.parse(row.payload_text) : row.payload,
    payloadText: row.payload_text,
    raw: row.raw,
    status: row.status,
    attempts: row.attempts,
    createdAt: row.created_at,
  });
}

/**
 * A customer's message is never lost to an odd byte: NUL and unpaired surrogates (which PostgreSQL
 * refuses) are replaced by U+FFFD in everything stored of it, and the message says so. The raw
 * delivery keeps the original.
 */
export function storableMessage(message: NormalizedMessage): NormalizedMessage {
  const { value, replaced } = withWellFormedText(message);
  return replaced ? { ...value, charactersReplaced: true } : message;
}

/** Resolves the contact, threads and stores parsed customer messages in the caller's transaction. */
@Injectable()
export class InboundStore {
  constructor(
    private readonly contacts: ContactsService,
    private readonly messages: InboundMessagesService,
  ) {}

  /**
   * Stores customer messages in the given order as if one after the other, with a fixed number of
   * statements for the common case (known senders writing into their open conversations): senders
   * resolved at once, their active conversations read at once, the messages appended at once. Only
   * a new conversation, a reopening or an email's reference costs statements of its own.
   */
  async store(
    m: EntityManager,
    items: { channel: Channel; message: NormalizedMessage }[],
    batch: EventBatch,
  ): Promise<void> {
    if (items.length === 0) return;
    const senders = await this.contacts.resolveMany(
      m,
      items.map(({ message }) => ({
        identities: message.contact.identities,
        name: message.contact.name,
      })),
    );
    const contactIds = [...new Set(senders.map((s) => s.contact.id))];
    // Each contact's most recently active conversation that is not resolved; the contact rows are
    // locked by resolveMany, so two messages of one contact thread one after the other.
    const rows: (ThreadCandidate & { contact_id: string })[] = await m.query(
      `SELECT DISTINCT ON (contact_id) contact_id, id, status FROM conversations
        WHERE contact_id = ANY($1::uuid[]) AND status <> 'resolved'
        ORDER BY contact_id, last_activity_at DESC`,
      [contactIds],
    );
    const active = new Map<string, ThreadCandidate>(
      rows.map((r) => [r.contact_id, { id: r.id, status: r.status }]),
    );

    const toStore = [];
    const toOpen: ConversationToOpen[] = [];
    for (const [n, { channel, message }] of items.entries()) {
      const contactId = senders[n].contact.id;
      const referenced = await this.findReferenced(m, message);
      const decision = decideThread({ referenced, active: active.get(contactId) ?? null });
      const via = { id: channel.id, kind: channel.kind, name: channel.name };
      let conversationId: string;
      if (decision.action === 'create') {
        conversationId = randomUUID();
        toOpen.push({
          id: conversationId,
          contactId,
          teamId: channel.teamId,
          subject: message.subject,
          via,
        });
      } else {
        conversationId = decision.conversationId;
        if (decision.reopen) await reopenConversation(m, conversationId, via, batch);
      }
      // Written to last, it is the contact's most recently active conversation, and open.
      active.set(contactId, { id: conversationId, status: 'open' });
      const address = message.contact.identities
        .map((i) => normalizeAddress(i.kind, i.address))
        .find((a): a is string => Boolean(a));
      toStore.push({ conversationId, contactId, channel, message, address });
    }
    await openConversations(m, toOpen, batch);
    await this.messages.storeInbound(m, toStore, batch);
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
}
