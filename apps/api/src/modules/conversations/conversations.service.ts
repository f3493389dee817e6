import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  OVERSEEING_ROLES,
  type ConversationCountsDto,
  type ConversationDto,
  type ConversationListDto,
  type ConversationListParams,
  type ConversationSummaryDto,
  type ReplyChannelOptionDto,
  type TimelineDto,
  type TimelineEntryDto,
  type TimelineParams,
  type UpdateConversationRequest,
} from '@touchpoint/shared';
import { DataSource, MoreThan, type EntityManager } from 'typeorm';
import type { AuthUser } from '../../core/auth/auth-user';
import { DomainEvents, EventBatch } from '../../core/events/domain-events';
import { NotFoundException } from '../../core/errors/app.exception';
import { Channel } from '../channels/channel.entity';
import { ChannelRegistry } from '../channels/channel-registry';
import { ContactIdentity } from '../contacts/contact-identity.entity';
import { ContactsService } from '../contacts/contacts.service';
import { AttachmentUrlSigner } from '../messages/attachment-url.signer';
import { Message } from '../messages/message.entity';
import { MESSAGE_RELATIONS, toMessageDto } from '../messages/message.mapper';
import { ConversationAccess, takesPart } from './conversation-access.service';
import { addTimelineEvent, changeOwner } from './conversation-writer';
import {
  CONVERSATION_RELATIONS,
  toConversationSummary,
  toTimelineEventDto,
} from './conversation.mapper';
import { Conversation } from './conversation.entity';
import { listConversations } from './conversation-list.query';
import { AlreadyOwnedException, NotOwnerUpdateException } from './conversations.exception';
import { SnoozeTimerService } from './snooze-timer.service';
import { TimelineEvent } from './timeline-event.entity';

@Injectable()
export class ConversationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: ConversationAccess,
    private readonly contacts: ContactsService,
    private readonly registry: ChannelRegistry,
    private readonly urls: AttachmentUrlSigner,
    private readonly events: DomainEvents,
    private readonly snooze: SnoozeTimerService,
  ) {}

  async list(user: AuthUser, query: ConversationListParams): Promise<ConversationListDto> {
    const teamIds = await this.access.teamIdsOf(user.id);
    return listConversations(this.db, { id: user.id, role: user.role, teamIds }, query);
  }

  async counts(user: AuthUser): Promise<ConversationCountsDto> {
    const teamIds = await this.access.teamIdsOf(user.id);
    const overseer = OVERSEEING_ROLES.includes(user.role);
    const [row]: Omit<ConversationCountsDto, 'teams'>[] = await this.db.query(
      `SELECT
         count(*) FILTER (WHERE owner_id = $1)::int AS mine,
         count(*) FILTER (WHERE owner_id IS NULL AND team_id = ANY($2::uuid[]))::int AS unassigned,
         count(*) FILTER (WHERE team_id = ANY($2::uuid[]) AND ($3 OR owner_id IS NULL OR owner_id = $1
           OR ${takesPart('conversations.id', '$1')}))::int AS team,
         count(*) FILTER (WHERE owner_id IS DISTINCT FROM $1
           AND ${takesPart('conversations.id', '$1')})::int AS participating,
         (CASE WHEN $3 THEN count(*) ELSE 0 END)::int AS "all"
       FROM conversations WHERE status <> 'resolved'`,
      [user.id, teamIds, overseer],
    );
    const perTeam: { team_id: string; n: number }[] = await this.db.query(
      `SELECT team_id, count(*)::int AS n FROM conversations
       WHERE status <> 'resolved' AND team_id = ANY($1::uuid[])
         AND ($3 OR owner_id IS NULL OR owner_id = $2 OR ${takesPart('conversations.id', '$2')})
       GROUP BY team_id`,
      [teamIds, user.id, overseer],
    );
    return {
      ...row,
      teams: Object.fromEntries(
        teamIds.map((id) => [id, perTeam.find((t) => t.team_id === id)?.n ?? 0]),
      ),
    };
  }

  async get(user: AuthUser, id: string): Promise<ConversationDto> {
    await this.access.assertCanSee(user, id);
    const conversation = await this.summaryEntity(id);
    const contact = await this.contacts.get(conversation.contactId);
    // The contact's other conversations: only those this user may open.
    const visible = await this.access.visibleAmong(
      user,
      contact.conversations.map((c) => c.id),
    );
    return {
      ...toConversationSummary(conversation),
      contactDetails: {
        ...contact,
        conversations: contact.conversations.filter((c) => visible.has(c.id)),
      },
      mayReply: await this.access.mayReply(user, conversation),
    };
  }

  async summary(id: string): Promise<ConversationSummaryDto> {
    return toConversationSummary(await this.summaryEntity(id));
  }

  async timeline(user: AuthUser, id: string, query: TimelineParams): Promise<TimelineDto> {
    await this.access.assertCanSee(user, id);
    const [messages, events] = await Promise.all([
      this.db.getRepository(Message).find({
        where: { conversationId: id, seq: MoreThan(query.after) },
        relations: MESSAGE_RELATIONS,
        order: { seq: 'ASC' },
        take: query.limit + 1,
      }),
      this.db.getRepository(TimelineEvent).find({
        where: { conversationId: id, seq: MoreThan(query.after) },
        relations: { actor: true },
        order: { seq: 'ASC' },
        take: query.limit + 1,
      }),
    ]);
    const entries: TimelineEntryDto[] = [
      ...messages.map((m) => ({
        type: 'message' as const,
        seq: m.seq,
        message: toMessageDto(m, this.urls),
      })),
      ...events.map((e) => ({ type: 'event' as const, seq: e.seq, event: toTimelineEventDto(e) })),
    ].sort((a, b) => a.seq - b.seq);
    const page = entries.slice(0, query.limit);
    return {
      entries: page,
      lastSeq: page.length ? page[page.length - 1].seq : query.after,
      hasMore: entries.length > query.limit,
    };
  }

  /** Takes ownership of an unowned conversation. Of two agents claiming at once exactly one wins. */
  async claim(user: AuthUser, id: string): Promise<ConversationSummaryDto> {
    await this.access.assertCanClaim(user, id);
    const batch = new EventBatch();
    await this.db.transaction(async (m) => {
      const conversation = await m
        .getRepository(Conversation)
        .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!conversation) throw new NotFoundException('Conversation', id);
      if (conversation.ownerId === user.id) return;
      if (conversation.ownerId) {
        const owner = await m.query('SELECT name FROM users WHERE id = $1', [conversation.ownerId]);
        throw new AlreadyOwnedException(owner[0]?.name ?? 'Someone');
      }
      await changeOwner(m, conversation, { ownerId: user.id, actorId: user.id }, batch);
    });
    await this.events.publish(batch);
    return this.summary(id);
  }

  async update(
    user: AuthUser,
    id: string,
    input: UpdateConversationRequest,
  ): Promise<ConversationSummaryDto> {
    await this.access.assertCanSee(user, id);
    const batch = new EventBatch();
    // A snooze with a time wakes by a delayed job, scheduled once the change is committed.
    const wakeAt = await this.db.transaction(async (m): Promise<Date | null> => {
      const c = await m
        .getRepository(Conversation)
        .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!c) throw new NotFoundException('Conversation', id);
      // Specialists pulled in advise; resolving or re-prioritising stays with the owner.
      if (c.ownerId && c.ownerId !== user.id && !OVERSEEING_ROLES.includes(user.role))
        throw new NotOwnerUpdateException();
      const patch: Partial<
        Pick<Conversation, 'status' | 'resolvedAt' | 'snoozedUntil' | 'priority'>
      > = {};
      if (input.status && input.status !== c.status) {
        patch.status = input.status;
        patch.resolvedAt = input.status === 'resolved' ? new Date() : null;
        if (input.status !== 'snoozed') patch.snoozedUntil = null;
        await addTimelineEvent(m, id, 'conversation.status_changed', user.id, {
          from: c.status,
          to: input.status,
        });
        if (input.status === 'resolved') await this.expireWaitingHandoffs(m, id, batch);
      }
      if (input.snoozedUntil !== undefined)
        patch.snoozedUntil = input.snoozedUntil ? new Date(input.snoozedUntil) : null;
      if (input.priority && input.priority !== c.priority) {
        patch.priority = input.priority;
        await addTimelineEvent(m, id, 'conversation.priority_changed', user.id, {
          from: c.priority,
          to: input.priority,
        });
      }
      if (Object.keys(patch).length) await m.getRepository(Conversation).update(id, patch);
      batch.add('conversation.updated', { conversationId: id });
      if (c.teamId && !c.ownerId) batch.add('queue.changed', { teamId: c.teamId });
      const until = patch.snoozedUntil === undefined ? c.snoozedUntil : patch.snoozedUntil;
      return (patch.status ?? c.status) === 'snoozed' ? until : null;
    });
    await this.events.publish(batch);
    if (wakeAt) await this.snooze.schedule(id, wakeAt);
    return this.summary(id);
  }

  /**
   * A resolved conversation needs nobody to accept a consult or transfer any more: waiting requests
   * expire (their SLA timers then do nothing). Accepted consults stay for the specialist to complete.
   */
  private async expireWaitingHandoffs(
    m: EntityManager,
    conversationId: string,
    batch: EventBatch,
  ): Promise<void> {
    const [expired]: [{ id: string; kind: string }[], number] = await m.query(
      `UPDATE handoffs SET status = 'expired', completed_at = now(), updated_at = now()
       WHERE conversation_id = $1 AND status = 'requested' RETURNING id, kind`,
      [conversationId],
    );
    for (const h of expired) {
      await addTimelineEvent(m, conversationId, 'handoff.expired', null, {
        handoffId: h.id,
        kind: h.kind,
      });
      batch.add('handoff.updated', { conversationId, handoffId: h.id });
    }
  }

  /** The user has read the conversation: its unread counter goes back to zero. */
  async markRead(user: AuthUser, id: string): Promise<ConversationSummaryDto> {
    await this.access.assertCanSee(user, id);
    const result = await this.db
      .getRepository(Conversation)
      .update({ id, unreadCount: MoreThan(0) }, { unreadCount: 0 });
    if (result.affected)
      await this.events.publish(EventBatch.of('conversation.updated', { conversationId: id }));
    return this.summary(id);
  }

  /** Channels the contact can be answered on: those whose adapter reaches one of the contact's identities. */
  async replyChannels(user: AuthUser, id: string): Promise<ReplyChannelOptionDto[]> {
    await this.access.assertCanSee(user, id);
    const c = await this.summaryEntity(id);
    const identities = await this.db
      .getRepository(ContactIdentity)
      .find({ where: { contactId: c.contactId } });
    const channels = await this.db
      .getRepository(Channel)
      .find({ where: { enabled: true }, order: { name: 'ASC' } });
    const options: ReplyChannelOptionDto[] = [];
    for (const channel of channels) {
      const adapter = this.registry.find(channel.kind);
      if (adapter?.canReply && !adapter.canReply(channel)) continue;
      const identity = adapter?.reaches
        .map((kind) => identities.find((i) => i.kind === kind))
        .find(Boolean);
      if (!identity) continue;
      options.push({
        channel: { id: channel.id, kind: channel.kind, name: channel.name },
        address: identity.address,
        isDefault: channel.id === c.lastInboundChannelId,
      });
    }
    return options.sort((a, b) => Number(b.isDefault) - Number(a.isDefault));
  }

  private async summaryEntity(id: string): Promise<Conversation> {
    const c = await this.db
      .getRepository(Conversation)
      .findOne({ where: { id }, relations: CONVERSATION_RELATIONS });
    if (!c) throw new NotFoundException('Conversation', id);
    return c;
  }
}
