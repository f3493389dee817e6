import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { REALTIME_EVENTS, rooms } from '@touchpoint/shared';
import { DataSource } from 'typeorm';
import { DomainEvents } from '../../core/events/domain-events';
import { RealtimePublisher } from '../../core/realtime/realtime-publisher';
import { AttachmentUrlSigner } from './messages/attachment-url.signer';
import { toMessageDto } from './messages/message.mapper';
import { Message } from './messages/message.entity';
import { toConversationSummary } from './conversation.mapper';
import { participantActive } from './conversation-access.service';
import { Conversation } from './conversation.entity';

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
    private readonly urls: AttachmentUrlSigner,
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

  private async messages(
    messageIds: string[],
    event: 'message.created' | 'message.updated',
  ): Promise<void> {
    // A query builder without `take` loads the relations in one statement.
    const { entities, raw } = await this.db
      .getRepository(Message)
      .createQueryBuilder('m')
      .leftJoinAndSelect('m.channel', 'channel')
      .leftJoinAndSelect('m.authorUser', 'authorUser')
      .leftJoinAndSelect('m.contact', 'contact')
      .leftJoinAndSelect('m.attachments', 'attachments')
      .innerJoinAndSelect('m.conversation', 'conversation')
      .addSelect(ConversationRealtimeListener.participantIds('conversation'), 'participant_ids')
      .where('m.id IN (:...messageIds)', { messageIds: [...new Set(messageIds)] })
      .orderBy('m.conversation_id')
      .addOrderBy('m.seq')
      .getRawAndEntities<{ m_id: string; participant_ids: string[] }>();
    const participantsOf = new Map(raw.map((r) => [r.m_id, r.participant_ids ?? []]));
    for (const message of entities) {
      if (!message.conversation) continue;
      const participants = participantsOf.get(message.id) ?? [];
      this.publisher.toStaff(this.roomsOf(message.conversation, participants), event, {
        conversationId: message.conversationId,
        seq: message.seq,
        message: toMessageDto(message, this.urls),
      });
    }
  }

  private async conversations(conversationIds: string[]): Promise<void> {
    const { entities, raw } = await this.db
      .getRepository(Conversation)
      .createQueryBuilder('c')
      .leftJoinAndSelect('c.contact', 'contact')
      .leftJoinAndSelect('c.owner', 'owner')
      .leftJoinAndSelect('c.team', 'team')
      .leftJoinAndSelect('c.lastInboundChannel', 'lastInboundChannel')
      .addSelect(ConversationRealtimeListener.participantIds('c'), 'participant_ids')
      .where('c.id IN (:...conversationIds)', { conversationIds: [...new Set(conversationIds)] })
      .getRawAndEntities<{ c_id: string; participant_ids: string[] }>();
    const participantsOf = new Map(raw.map((r) => [r.c_id, r.participant_ids ?? []]));
    for (const c of entities) {
      const audience = this.roomsOf(c, participantsOf.get(c.id) ?? []);
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
