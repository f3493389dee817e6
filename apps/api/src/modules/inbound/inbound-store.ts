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
  completeCalls,
  openConversations,
  reopenConversation,
  type ConversationToOpen,
} from '../conversations/conversation-writer';
import { decideThread, type ThreadCandidate } from '../conversations/threading';
import { InboundMessagesService } from '../conversations/messages/inbound-messages.service';
import { HandoffLifecycle } from '../handoffs/handoff-lifecycle.service';
import { InboundEvent } from '../intake/inbound-event.entity';
import { SatisfactionRatingService } from '../satisfaction/satisfaction-rating.service';

/** Longest note of a consult asked because the customer wrote to another team's channel. */
const CHANNEL_NOTE_MAX = 500;

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
    private readonly handoffs: HandoffLifecycle,
    private readonly surveys: SatisfactionRatingService,
  ) {}

  /**
   * Stores customer messages in the given order as if one after the other, with a fixed number of
   * statements for the common case (known senders writing into their open conversations): senders
   * resolved at once, their active conversations and the conversations emails answer read at once,
   * the messages appended at once. Only a reopening costs statements of its own.
   */
  async store(
    m: EntityManager,
    items: { channel: Channel; message: NormalizedMessage }[],
    batch: EventBatch,
  ): Promise<void> {
    // News of calls that have their entry completes it; the rest is stored below.
    items = await completeCalls(m, items, batch);
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
    const rows: (ThreadCandidate & {
      contact_id: string;
      team_id: string | null;
      owner_id: string | null;
    })[] = await m.query(
      `SELECT DISTINCT ON (contact_id) contact_id, id, status, team_id, owner_id FROM conversations
        WHERE contact_id = ANY($1::uuid[]) AND status <> 'resolved'
        ORDER BY contact_id, last_activity_at DESC`,
      [contactIds],
    );
    const active = new Map<string, ThreadCandidate>(
      rows.map((r) => [r.contact_id, { id: r.id, status: r.status }]),
    );
    // Whose the active conversations are, to notice a message to another team's channel.
    const holders = new Map<string, { teamId: string | null; ownerId: string | null }>(
      rows.map((r) => [r.id, { teamId: r.team_id, ownerId: r.owner_id }]),
    );

    const toStore = [];
    const toOpen: ConversationToOpen[] = [];
    const crossings: { conversationId: string; teamId: string; note: string }[] = [];
    const stored = await this.referencedInDatabase(
      m,
      items.map((i) => i.message),
    );
    // Emails of this batch by Message-ID: an answer to one of them joins its conversation, as it
    // would had they arrived one by one (they are newer than anything stored).
    const inBatch = new Map<string, string>();
    // Conversations this batch wrote to are open by now, whatever was read before.
    const written = new Set<string>();
    const now = (c: ThreadCandidate | undefined) =>
      c && written.has(c.id) ? { id: c.id, status: 'open' as const } : c;
    for (const [n, { channel, message }] of items.entries()) {
      const contactId = senders[n].contact.id;
      // The reply token decides; else the newest message named, and this batch's are the newest.
      const answered = referencedIds(message).find((id) => inBatch.has(id));
      const referenced =
        now(stored[n].byToken) ??
        (answered
          ? { id: inBatch.get(answered)!, status: 'open' as const }
          : now(stored[n].byIds)) ??
        null;
      const current = active.get(contactId) ?? null;
      // A rating reply to a survey, with nothing else going on: kept in the surveyed conversation,
      // which stays resolved.
      const surveyed =
        !referenced && !current
          ? await this.surveys.surveyedConversation(m, contactId, channel.id, message.text)
          : null;
      if (surveyed) {
        toStore.push({
          conversationId: surveyed,
          contactId,
          channel,
          message,
          address: addressOf(message),
        });
        continue;
      }
      const holder = current && holders.get(current.id);
      const otherTeam = !referenced && holder && holder.teamId !== channel.teamId;
      // A message to another team's channel is that team's business too. Unowned, the open
      // conversation has nobody yet to keep the customer: the request starts its own in this
      // channel's queue. Owned, it joins the thread and this team is pulled in, in this transaction.
      const decision =
        otherTeam && !holder.ownerId
          ? ({ action: 'create' } as const)
          : decideThread({ referenced, active: current });
      if (otherTeam && holder.ownerId && decision.action === 'append')
        crossings.push({
          conversationId: decision.conversationId,
          teamId: channel.teamId,
          note: channelNote(channel.name, message),
        });
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
        holders.set(conversationId, { teamId: channel.teamId, ownerId: null });
      } else {
        conversationId = decision.conversationId;
        if (decision.reopen) await reopenConversation(m, conversationId, via, batch);
      }
      // Written to last, it is the contact's most recently active conversation, and open.
      active.set(contactId, { id: conversationId, status: 'open' });
      written.add(conversationId);
      if (message.email?.messageId) inBatch.set(message.email.messageId, conversationId);
      toStore.push({ conversationId, contactId, channel, message, address: addressOf(message) });
    }
    await openConversations(m, toOpen, batch);
    await this.messages.storeInbound(m, toStore, batch);
    for (const crossing of crossings) await this.handoffs.consultForChannel(m, crossing, batch);
  }

  /**
   * The conversation each email explicitly answers, as far as the database knows: its reply token,
   * else the newest stored message among those it names (In-Reply-To, References). Two statements
   * for the whole batch; messages without email headers cost none.
   */
  private async referencedInDatabase(
    m: EntityManager,
    messages: NormalizedMessage[],
  ): Promise<{ byToken?: ThreadCandidate; byIds?: ThreadCandidate }[]> {
    const tokens = [...new Set(messages.flatMap((x) => x.email?.replyToken?.toLowerCase() ?? []))];
    const ids = [...new Set(messages.flatMap(referencedIds))];
    const byToken = new Map<string, ThreadCandidate>();
    if (tokens.length) {
      // A conversation merged into another answers for it: the customer's reply joins that one.
      const rows: (ThreadCandidate & { reply_token: string })[] = await m.query(
        `WITH RECURSIVE hop AS (
           SELECT reply_token, id, status, merged_into_id, 0 AS depth FROM conversations
            WHERE reply_token = ANY($1::text[])
           UNION ALL
           SELECT h.reply_token, c.id, c.status, c.merged_into_id, h.depth + 1
             FROM hop h JOIN conversations c ON c.id = h.merged_into_id WHERE h.depth < 20)
         SELECT DISTINCT ON (reply_token) id, status, reply_token FROM hop
          ORDER BY reply_token, depth DESC`,
        [tokens],
      );
      for (const r of rows) byToken.set(r.reply_token, { id: r.id, status: r.status });
    }
    const byId = new Map<string, ThreadCandidate & { at: Date }>();
    if (ids.length) {
      const rows: (ThreadCandidate & { mid: string; at: Date })[] = await m.query(
        `SELECT DISTINCT ON (msg.metadata->>'emailMessageId') msg.metadata->>'emailMessageId' AS mid,
                c.id, c.status, msg.created_at AS at
           FROM messages msg JOIN conversations c ON c.id = msg.conversation_id
          WHERE msg.metadata->>'emailMessageId' = ANY($1::text[])
          ORDER BY msg.metadata->>'emailMessageId', msg.created_at DESC`,
        [ids],
      );
      for (const r of rows) byId.set(r.mid, { id: r.id, status: r.status, at: r.at });
    }
    return messages.map((x) => {
      const token = x.email?.replyToken?.toLowerCase();
      const newest = referencedIds(x)
        .map((id) => byId.get(id))
        .reduce<(ThreadCandidate & { at: Date }) | undefined>(
          (best, hit) => (hit && (!best || hit.at > best.at) ? hit : best),
          undefined,
        );
      return {
        byToken: token ? byToken.get(token) : undefined,
        byIds: newest && { id: newest.id, status: newest.status },
      };
    });
  }
}

/** What the team pulled in reads first: the channel the customer used and their words. */
function channelNote(channelName: string, message: NormalizedMessage): string {
  const words = (message.text || message.subject || '').replace(/\s+/g, ' ').trim();
  const note = `${channelName}: ${words}`;
  return note.length > CHANNEL_NOTE_MAX ? `${note.slice(0, CHANNEL_NOTE_MAX - 1)}…` : note;
}

/** The Message-IDs an email answers, the closest first. */
function referencedIds(message: NormalizedMessage): string[] {
  return [
    ...(message.email?.inReplyTo ?? []),
    ...(message.email?.references ?? []).slice().reverse(),
  ].filter(Boolean);
}

/** The sender's address as the message names it (the first identity that normalises). */
function addressOf(message: NormalizedMessage): string | undefined {
  return message.contact.identities
    .map((i) => normalizeAddress(i.kind, i.address))
    .find((a): a is string => Boolean(a));
}
