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
import { DataSource, In, LessThan, MoreThan } from 'typeorm';
import type { AuthUser } from '../../core/auth/auth-user';
import { DomainEvents } from '../../core/events/domain-events';
import { NotFoundException } from '../../core/errors/app.exception';
import { ChannelRegistry } from '../channels/channel-registry';
import { Message } from './messages/message.entity';
import { MESSAGE_RELATIONS, toMessageDto } from './messages/message.mapper';
import { ConversationHooks } from './conversation-hooks';
import { ConversationAccess } from './conversation-access.service';
import { ContactStoryService } from './contact-story.service';
import { changeOwner, changeStatus, markRead } from './conversation-writer';
import {
  CONVERSATION_RELATIONS,
  toConversationSummary,
  toTimelineEventDto,
} from './conversation.mapper';
import { Conversation } from './conversation.entity';
import { countConversations, listConversations } from './conversation-list.query';
import { MergedAwayException } from './conversation-merge.exception';
import { AlreadyOwnedException, NotOwnerUpdateException } from './conversations.exception';
import { loadReplyWindow, loadRouting, replyOptions } from './reply-routing';
import { SnoozeTimerService } from './snooze-timer.service';
import { TimelineEvent } from './timeline-event.entity';
import { FileLinks } from '../../core/storage/file-links';

@Injectable()
export class ConversationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: ConversationAccess,
    private readonly stories: ContactStoryService,
    private readonly registry: ChannelRegistry,
    private readonly urls: FileLinks,
    private readonly events: DomainEvents,
    private readonly snooze: SnoozeTimerService,
    private readonly hooks: ConversationHooks,
  ) {}

  async list(user: AuthUser, query: ConversationListParams): Promise<ConversationListDto> {
    const teamIds = await this.access.teamIdsOf(user.id);
    return listConversations(this.db, { id: user.id, role: user.role, teamIds }, query);
  }

  async counts(user: AuthUser): Promise<ConversationCountsDto> {
    const teamIds = await this.access.teamIdsOf(user.id);
    return countConversations(this.db, { id: user.id, role: user.role, teamIds });
  }

  async get(user: AuthUser, id: string): Promise<ConversationDto> {
    await this.access.assertCanSee(user, id);
    const conversation = await this.summaryEntity(id);
    return {
      ...toConversationSummary(conversation),
      contactDetails: await this.stories.story(user, conversation.contactId),
      mayReply: await this.access.mayReply(user, conversation),
    };
  }

  async summary(id: string): Promise<ConversationSummaryDto> {
    return toConversationSummary(await this.summaryEntity(id));
  }

  async timeline(user: AuthUser, id: string, query: TimelineParams): Promise<TimelineDto> {
    await this.access.assertCanSee(user, id);
    // Read before the entries: a renumbering meanwhile leaves the page under the older epoch, which
    // the client then reads anew when it learns the newer one.
    const [{ timeline_epoch: epoch }]: { timeline_epoch: number }[] = await this.db.query(
      'SELECT timeline_epoch FROM conversations WHERE id = $1',
      [id],
    );
    // Backward from `before` (the newest first, through the (conversation, seq) indexes), or forward.
    const { before } = query;
    const backward = before !== undefined;
    const seq = backward ? LessThan(before) : MoreThan(query.after);
    const order = { seq: backward ? ('DESC' as const) : ('ASC' as const) };
    // The page's keys first, from that index alone, then those rows with their relations: asked for
    // in one go, a limit with joined relations makes TypeORM pick the page out of the whole thread.
    const keys = {
      select: { id: true },
      where: { conversationId: id, seq },
      order,
      take: query.limit + 1,
    };
    const [messageKeys, eventKeys] = await Promise.all([
      this.db.getRepository(Message).find(keys),
      this.db.getRepository(TimelineEvent).find(keys),
    ]);
    const [messages, events] = await Promise.all([
      messageKeys.length
        ? this.db.getRepository(Message).find({
            where: { id: In(messageKeys.map((m) => m.id)) },
            relations: MESSAGE_RELATIONS,
            order,
          })
        : [],
      eventKeys.length
        ? this.db.getRepository(TimelineEvent).find({
            where: { id: In(eventKeys.map((e) => e.id)) },
            relations: { actor: true },
            order,
          })
        : [],
    ]);
    const entries: TimelineEntryDto[] = [
      ...messages.map((m) => ({
        type: 'message' as const,
        seq: m.seq,
        message: toMessageDto(m, this.urls),
      })),
      ...events.map((e) => ({ type: 'event' as const, seq: e.seq, event: toTimelineEventDto(e) })),
    ].sort((a, b) => (backward ? b.seq - a.seq : a.seq - b.seq));
    const page = entries.slice(0, query.limit);
    if (backward) page.reverse();
    return {
      entries: page,
      lastSeq: page.length ? page[page.length - 1].seq : backward ? 0 : query.after,
      hasMore: entries.length > query.limit,
      epoch,
    };
  }

  /** Takes ownership of an unowned conversation. Of two agents claiming at once exactly one wins. */
  async claim(user: AuthUser, id: string): Promise<ConversationSummaryDto> {
    await this.access.assertCanClaim(user, id);
    await this.events.transaction(async (m, batch) => {
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
    return this.summary(id);
  }

  async update(
    user: AuthUser,
    id: string,
    input: UpdateConversationRequest,
  ): Promise<ConversationSummaryDto> {
    await this.access.assertCanSee(user, id);
    // A snooze with a time wakes by a delayed job, scheduled once the change is committed.
    const wakeAt = await this.events.transaction(async (m, batch): Promise<Date | null> => {
      const c = await m
        .getRepository(Conversation)
        .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!c) throw new NotFoundException('Conversation', id);
      // Specialists pulled in advise; resolving or re-prioritising stays with the owner.
      if (c.ownerId && c.ownerId !== user.id && !OVERSEEING_ROLES.includes(user.role))
        throw new NotOwnerUpdateException();
      if (c.mergedIntoId) throw new MergedAwayException(c.mergedIntoId);
      const wake = await changeStatus(m, c, { ...input, actorId: user.id }, batch);
      if (input.status === 'resolved' && c.status !== 'resolved')
        await this.hooks.resolved(m, id, batch);
      return wake;
    });
    if (wakeAt) await this.snooze.schedule(id, wakeAt);
    return this.summary(id);
  }

  /** The user has read the conversation: its unread counter goes back to zero. */
  async markRead(user: AuthUser, id: string): Promise<ConversationSummaryDto> {
    await this.access.assertCanSee(user, id);
    await this.events.transaction((m, batch) => markRead(m, id, batch));
    return this.summary(id);
  }

  /**
   * Channels the contact can be answered on, by the rule sending uses: those of the contact's
   * preferred kind first, the default first of all.
   */
  async replyChannels(user: AuthUser, id: string): Promise<ReplyChannelOptionDto[]> {
    await this.access.assertCanSee(user, id);
    const c = await this.summaryEntity(id);
    const { facts, channels } = await loadRouting(this.db.manager, this.registry, c);
    return Promise.all(
      replyOptions(facts, channels).map(async ({ channel, address, isDefault }) => {
        const window = await loadReplyWindow(this.db.manager, this.registry, channel, c.contactId);
        return {
          channel: { id: channel.id, kind: channel.kind, name: channel.name },
          address,
          isDefault,
          ...(window && {
            window: { open: window.open, closesAt: window.closesAt?.toISOString() ?? null },
            templates: window.templates,
          }),
        };
      }),
    );
  }

  private async summaryEntity(id: string): Promise<Conversation> {
    const c = await this.db
      .getRepository(Conversation)
      .findOne({ where: { id }, relations: CONVERSATION_RELATIONS });
    if (!c) throw new NotFoundException('Conversation', id);
    return c;
  }
}
