import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { REALTIME_EVENTS, rooms } from '@touchpoint/shared';
import { DataSource } from 'typeorm';
import { DomainEvents } from '../../core/events/domain-events';
import { RealtimePublisher } from '../../core/realtime/realtime-publisher';
import { toMessageDto } from './messages/message.mapper';
import { Message, type Attachment } from './messages/message.entity';
import type { Channel } from '../channels/channel.entity';
import type { Contact } from '../contacts/contact.entity';
import { toConversationSummary } from './conversation.mapper';
import { participantActive } from './conversation-access.service';
import { Conversation } from './conversation.entity';
import { FileLinks } from '../../core/storage/file-links';

/**
 * Decides who hears about a conversation, in one place, by the rule of ConversationAccess: the
 * supervisors, the conversation's room (joined only with access), its owner and participants, and
 * its team only while it waits unowned in the team's queue. These are staff rooms only; customers are
 * reached solely by channel adapters sending replies, so an internal note has no path to them.
 */
@Injectable()
export class ConversationRealtimeListener implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly events: DomainEvents,
    private readonly publisher: RealtimePublisher,
    private readonly urls: FileLinks,
  ) {}

  onModuleInit(): void {
    // One read per batch of events: a batch of inbound messages is announced with two statements.
    this.events.onMany('message.created', (events) =>
      this.messages(
        events.map((e) => e.messageId),
        REALTIME_EVENTS.messageCreated,
      ),
    );
    this.events.onMany('message.updated', (events) =>
      this.messages(
        events.map((e) => e.messageId),
        REALTIME_EVENTS.messageUpdated,
      ),
    );
    this.events.onMany('conversation.updated', (events) =>
      this.conversations(events.map((e) => e.conversationId)),
    );
    this.events.on('queue.changed', ({ teamId }) => this.queue(teamId));
  }

  private roomsOf(
    c: Pick<Conversation, 'id' | 'ownerId' | 'teamId'>,
    participantIds: string[],
  ): string[] {
    return [
      rooms.conversation(c.id),
      rooms.supervisors(),
      ...(c.ownerId ? [rooms.user(c.ownerId)] : c.teamId ? [rooms.team(c.teamId)] : []),
      ...participantIds.map((id) => rooms.user(id)),
    ];
  }

  /** Fetched with the entity it goes with, so deciding the rooms costs no extra round trip. */
  private static participantIds(alias: string): string {
    return `ARRAY(SELECT cp.user_id::text FROM conversation_participants cp
      WHERE cp.conversation_id = ${alias}.id AND ${participantActive('cp')})`;
  }

  /**
   * Raw rows, no entity hydration: this runs for every message and conversation change, and a batch
   * of inbound messages is read in one statement per kind.
   */
  private async messages(
    messageIds: string[],
    event: 'message.created' | 'message.updated',
  ): Promise<void> {
    const rows: MessageRow[] = await this.db.query(
      `SELECT m.id, m.conversation_id, m.seq, m.type, m.channel_id, m.contact_id, m.author_user_id,
              m.subject, m.text, m.html, m.quoted, m.delivery_status, m.delivery_error,
              m.client_message_id, m.characters_replaced, m.metadata, m.created_at,
              ch.kind AS channel_kind, ch.name AS channel_name, u.name AS author_name,
              k.name AS contact_name, c.owner_id, c.team_id,
              COALESCE((SELECT json_agg(json_build_object('id', a.id, 'filename', a.filename,
                          'contentType', a.content_type, 'size', a.size, 'contentId', a.content_id,
                          'inline', a.inline) ORDER BY a.created_at, a.id)
                        FROM attachments a WHERE a.message_id = m.id), '[]') AS attachments,
              ${ConversationRealtimeListener.participantIds('c')} AS participant_ids
         FROM messages m
         JOIN conversations c ON c.id = m.conversation_id
         LEFT JOIN channels ch ON ch.id = m.channel_id
         LEFT JOIN users u ON u.id = m.author_user_id
         LEFT JOIN contacts k ON k.id = m.contact_id
        WHERE m.id = ANY($1::uuid[])
        ORDER BY m.conversation_id, m.seq`,
      [[...new Set(messageIds)]],
    );
    for (const row of rows) {
      const conversation = { id: row.conversation_id, ownerId: row.owner_id, teamId: row.team_id };
      this.publisher.toStaff(this.roomsOf(conversation, row.participant_ids), event, {
        conversationId: row.conversation_id,
        seq: row.seq,
        message: toMessageDto(messageOf(row), this.urls),
      });
    }
  }

  private async conversations(conversationIds: string[]): Promise<void> {
    const rows: ConversationRow[] = await this.db.query(
      `SELECT c.id, c.contact_id, c.subject, c.status, c.priority, c.owner_id, c.team_id,
              c.channel_kinds, c.last_inbound_channel_id, c.preview_text, c.preview_type,
              c.last_activity_at, c.unread_count, c.last_seq, c.created_at, c.sla_metric,
              c.sla_risk_at, c.sla_due_at, c.sla_breached_at, c.merged_into_id, c.timeline_epoch,
              c.label_ids,
              k.name AS contact_name, k.email AS contact_email, k.phone AS contact_phone,
              k.preferred_channel AS contact_preferred_channel,
              o.name AS owner_name, t.name AS team_name, ch.kind AS channel_kind, ch.name AS channel_name,
              ${ConversationRealtimeListener.participantIds('c')} AS participant_ids
         FROM conversations c
         JOIN contacts k ON k.id = c.contact_id
         LEFT JOIN users o ON o.id = c.owner_id
         LEFT JOIN teams t ON t.id = c.team_id
         LEFT JOIN channels ch ON ch.id = c.last_inbound_channel_id
        WHERE c.id = ANY($1::uuid[])`,
      [[...new Set(conversationIds)]],
    );
    for (const row of rows) {
      const c = conversationOf(row);
      const audience = this.roomsOf(c, row.participant_ids);
      // Ownership or participants may have changed: the room keeps only who may still see it.
      this.publisher.narrowConversationRoom(
        c.id,
        audience.filter((r) => r !== rooms.conversation(c.id)),
      );
      this.publisher.toStaff(audience, REALTIME_EVENTS.conversationUpdated, {
        conversationId: c.id,
        seq: c.lastSeq,
        conversation: toConversationSummary(c),
      });
    }
  }

  private async queue(teamId: string): Promise<void> {
    const [row]: { n: number }[] = await this.db.query(
      `SELECT count(*)::int AS n FROM conversations WHERE team_id = $1 AND owner_id IS NULL AND status <> 'resolved'`,
      [teamId],
    );
    this.publisher.toStaff(
      [rooms.team(teamId), rooms.supervisors()],
      REALTIME_EVENTS.queueUpdated,
      { teamId, unassigned: row.n },
    );
  }
}

interface MessageRow {
  id: string;
  conversation_id: string;
  seq: number;
  type: Message['type'];
  channel_id: string | null;
  contact_id: string | null;
  author_user_id: string | null;
  subject: string | null;
  text: string;
  html: string | null;
  quoted: string | null;
  delivery_status: Message['deliveryStatus'];
  delivery_error: string | null;
  client_message_id: string | null;
  characters_replaced: boolean;
  metadata: Message['metadata'];
  created_at: Date;
  channel_kind: Channel['kind'] | null;
  channel_name: string | null;
  author_name: string | null;
  contact_name: string | null;
  owner_id: string | null;
  team_id: string | null;
  attachments: Pick<
    Attachment,
    'id' | 'filename' | 'contentType' | 'size' | 'contentId' | 'inline'
  >[];
  participant_ids: string[];
}

/** The row as the message mapper reads it (the fields it uses, with their relations). */
function messageOf(r: MessageRow): Message {
  return Object.assign(new Message(), {
    id: r.id,
    conversationId: r.conversation_id,
    seq: r.seq,
    type: r.type,
    channelId: r.channel_id,
    contactId: r.contact_id,
    authorUserId: r.author_user_id,
    subject: r.subject,
    text: r.text,
    html: r.html,
    quoted: r.quoted,
    deliveryStatus: r.delivery_status,
    deliveryError: r.delivery_error,
    clientMessageId: r.client_message_id,
    charactersReplaced: r.characters_replaced,
    metadata: r.metadata,
    createdAt: r.created_at,
    channel:
      r.channel_id && r.channel_kind
        ? { id: r.channel_id, kind: r.channel_kind, name: r.channel_name ?? '' }
        : null,
    authorUser: r.author_user_id ? { id: r.author_user_id, name: r.author_name ?? '' } : null,
    contact: r.contact_id ? { id: r.contact_id, name: r.contact_name ?? '' } : null,
    attachments: r.attachments,
  });
}

interface ConversationRow {
  id: string;
  contact_id: string;
  subject: string | null;
  status: Conversation['status'];
  priority: Conversation['priority'];
  owner_id: string | null;
  team_id: string | null;
  channel_kinds: Conversation['channelKinds'];
  last_inbound_channel_id: string | null;
  preview_text: string | null;
  preview_type: Conversation['previewType'];
  last_activity_at: Date;
  unread_count: number;
  last_seq: number;
  created_at: Date;
  sla_metric: Conversation['slaMetric'];
  sla_risk_at: Date | null;
  sla_due_at: Date | null;
  sla_breached_at: Date | null;
  merged_into_id: string | null;
  timeline_epoch: number;
  label_ids: string[];
  contact_name: string;
  contact_email: string | null;
  contact_phone: string | null;
  contact_preferred_channel: Contact['preferredChannel'];
  owner_name: string | null;
  team_name: string | null;
  channel_kind: Channel['kind'] | null;
  channel_name: string | null;
  participant_ids: string[];
}

/** The row as the summary mapper reads it. */
function conversationOf(r: ConversationRow): Conversation {
  return Object.assign(new Conversation(), {
    id: r.id,
    contactId: r.contact_id,
    subject: r.subject,
    status: r.status,
    priority: r.priority,
    ownerId: r.owner_id,
    teamId: r.team_id,
    channelKinds: r.channel_kinds,
    lastInboundChannelId: r.last_inbound_channel_id,
    previewText: r.preview_text,
    previewType: r.preview_type,
    lastActivityAt: r.last_activity_at,
    unreadCount: r.unread_count,
    lastSeq: r.last_seq,
    createdAt: r.created_at,
    slaMetric: r.sla_metric,
    slaRiskAt: r.sla_risk_at,
    slaDueAt: r.sla_due_at,
    slaBreachedAt: r.sla_breached_at,
    mergedIntoId: r.merged_into_id,
    timelineEpoch: r.timeline_epoch,
    labelIds: r.label_ids,
    contact: {
      id: r.contact_id,
      name: r.contact_name,
      email: r.contact_email,
      phone: r.contact_phone,
      preferredChannel: r.contact_preferred_channel,
    },
    owner: r.owner_id ? { id: r.owner_id, name: r.owner_name ?? '' } : null,
    team: r.team_id ? { id: r.team_id, name: r.team_name ?? '' } : null,
    lastInboundChannel:
      r.last_inbound_channel_id && r.channel_kind
        ? { id: r.last_inbound_channel_id, kind: r.channel_kind, name: r.channel_name ?? '' }
        : null,
  });
}
