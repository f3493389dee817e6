import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  OVERSEEING_ROLES,
  type MergeCandidateDto,
  type MergeConversationRequest,
  type MergeResultDto,
  type SplitConversationRequest,
  type SplitResultDto,
  type UnmergeConversationRequest,
  type UnmergeResultDto,
} from '@touchpoint/shared';
import { DataSource, In, Not, IsNull, type EntityManager } from 'typeorm';
import type { AuthUser } from '../../core/auth/auth-user';
import { DomainEvents, type EventBatch } from '../../core/events/domain-events';
import { NotFoundException } from '../../core/errors/app.exception';
import { ConversationAccess } from './conversation-access.service';
import { ConversationHooks } from './conversation-hooks';
import {
  MergeConflictException,
  MergeFieldException,
  NotOwnerMergeException,
} from './conversation-merge.exception';
import {
  keepJourneys,
  lockMergeRecord,
  mergeConversations,
  mergeEntriesMoved,
  splitConversation,
  unmergeConversations,
} from './conversation-writer';
import { Conversation } from './conversation.entity';
import { ConversationsService } from './conversations.service';
import { SnoozeTimerService } from './snooze-timer.service';

type Locked = Pick<Conversation, 'id' | 'contactId' | 'ownerId' | 'teamId' | 'mergedIntoId'>;

/** Where a split starts and where its new conversation waits. */
export interface SplitPoint {
  messageId: string;
  teamId?: string | null;
  note?: string | null;
}

/**
 * Merging two conversations of one contact into one thread (and undoing it), and splitting a thread
 * in two. The owner of the conversations, or a supervisor or admin, may do it; an unowned one anyone
 * who sees it, as with its status (see ConversationsService.update).
 */
@Injectable()
export class ConversationMergeService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: ConversationAccess,
    private readonly events: DomainEvents,
    private readonly hooks: ConversationHooks,
    private readonly conversations: ConversationsService,
    private readonly snooze: SnoozeTimerService,
  ) {}

  /** The contact's other conversations the user may merge in, latest activity first. */
  async candidates(user: AuthUser, id: string): Promise<MergeCandidateDto[]> {
    await this.access.assertCanSee(user, id);
    const c = await this.db.getRepository(Conversation).findOneOrFail({ where: { id } });
    const others = await this.db.getRepository(Conversation).find({
      where: { contactId: c.contactId, id: Not(id), mergedIntoId: IsNull() },
      relations: { owner: true, team: true },
      order: { lastActivityAt: 'DESC' },
      take: 20,
    });
    const visible = await this.access.visibleAmong(
      user,
      others.map((o) => o.id),
    );
    // Only those the user may merge: a colleague's conversation is theirs to merge.
    const overseer = OVERSEEING_ROLES.includes(user.role);
    const shown = others.filter(
      (o) => visible.has(o.id) && (overseer || !o.ownerId || o.ownerId === user.id),
    );
    const last: { conversation_id: string; at: Date }[] = shown.length
      ? await this.db.query(
          `SELECT conversation_id, max(created_at) AS at FROM messages
            WHERE conversation_id = ANY($1::uuid[]) GROUP BY conversation_id`,
          [shown.map((o) => o.id)],
        )
      : [];
    const lastAt = new Map(last.map((r) => [r.conversation_id, r.at.toISOString()]));
    return shown.map((o) => ({
      id: o.id,
      subject: o.subject,
      status: o.status,
      channelKinds: o.channelKinds,
      owner: o.owner ? { id: o.owner.id, name: o.owner.name } : null,
      team: o.team ? { id: o.team.id, name: o.team.name } : null,
      lastMessageAt: lastAt.get(o.id) ?? null,
      lastActivityAt: o.lastActivityAt.toISOString(),
    }));
  }

  async merge(
    user: AuthUser,
    targetId: string,
    { sourceConversationId: sourceId }: MergeConversationRequest,
  ): Promise<MergeResultDto> {
    if (sourceId === targetId)
      throw new MergeFieldException('sourceConversationId', 'must be another conversation');
    await this.access.assertCanSee(user, targetId);
    const mergeId = await this.events.transaction(async (m, batch) => {
      const locked = await this.lock(m, [targetId, sourceId]);
      const target = locked.get(targetId);
      const source = locked.get(sourceId);
      if (!target) throw new NotFoundException('Conversation', targetId);
      if (!source) throw new MergeFieldException('sourceConversationId', 'names no conversation');
      await this.assertMayChange(user, target);
      if (!(await this.access.canSee(user, sourceId))) throw new NotOwnerMergeException();
      await this.assertMayChange(user, source);
      if (target.mergedIntoId)
        throw new MergeConflictException(
          'This conversation was merged into another one: merge into that one instead',
        );
      if (source.mergedIntoId)
        throw new MergeConflictException(
          'sourceConversationId was merged into another conversation already',
        );
      if (source.contactId !== target.contactId)
        throw new MergeConflictException(
          'The two conversations belong to different contacts: merge the contacts first',
        );
      // The source is done with: requests nobody accepted expire as on resolving, in its thread.
      await this.hooks.resolved(m, sourceId, batch);
      const mergeId = await mergeConversations(m, { targetId, sourceId, actorId: user.id }, batch);
      // Accepted consults of the source go on in the merged thread.
      await this.hooks.threadMoved(m, [targetId, sourceId], batch);
      await keepJourneys(m, [targetId, sourceId]);
      return mergeId;
    });
    return { mergeId, conversation: await this.conversations.summary(targetId) };
  }

  async unmerge(
    user: AuthUser,
    targetId: string,
    { mergeId }: UnmergeConversationRequest,
  ): Promise<UnmergeResultDto> {
    await this.access.assertCanSee(user, targetId);
    const sourceId = await this.events.transaction(async (m, batch) => {
      const merge = await lockMergeRecord(m, targetId, mergeId);
      if (!merge) throw new MergeFieldException('mergeId', 'names no merge into this conversation');
      if (merge.undone) throw new MergeConflictException('This merge was undone already');
      const locked = await this.lock(m, [targetId, merge.sourceId]);
      const target = locked.get(targetId)!;
      await this.assertMayChange(user, target);
      if (target.mergedIntoId)
        throw new MergeConflictException(
          'This conversation was merged into another one since: undo that merge first',
        );
      if (await mergeEntriesMoved(m, targetId, mergeId))
        throw new MergeConflictException(
          'Part of the merged thread was split off since: this merge can no longer be undone',
        );
      await unmergeConversations(m, { targetId, mergeId, actorId: user.id }, merge, batch);
      await this.hooks.threadMoved(m, [targetId, merge.sourceId], batch);
      await keepJourneys(m, [targetId, merge.sourceId]);
      return merge.sourceId;
    });
    const restored = await this.db
      .getRepository(Conversation)
      .findOneOrFail({ where: { id: sourceId } });
    // A conversation snoozed with a time when it was merged wakes by its timer again.
    if (restored.status === 'snoozed' && restored.snoozedUntil)
      await this.snooze.schedule(sourceId, restored.snoozedUntil);
    return {
      conversation: await this.conversations.summary(targetId),
      restored: await this.conversations.summary(sourceId),
    };
  }

  async split(
    user: AuthUser,
    id: string,
    request: SplitConversationRequest,
  ): Promise<SplitResultDto> {
    await this.access.assertCanSee(user, id);
    const splitId = await this.events.transaction(async (m, batch) => {
      const [c] = (await this.lock(m, [id])).values();
      if (!c) throw new NotFoundException('Conversation', id);
      await this.assertMayChange(user, c);
      return this.splitWithin(m, c, user.id, request, batch);
    });
    return {
      conversation: await this.conversations.summary(id),
      split: await this.conversations.summary(splitId),
    };
  }

  /**
   * Splits `c` (locked by the caller) at a message, inside the caller's transaction: checks the
   * message and the team, then moves the thread's tail (see splitConversation). Answers the new
   * conversation's id.
   */
  async splitWithin(
    m: EntityManager,
    c: Locked,
    actorId: string,
    { messageId, teamId, note }: SplitPoint,
    batch: EventBatch,
  ): Promise<string> {
    if (c.mergedIntoId)
      throw new MergeConflictException('This conversation was merged into another one');
    const [message]: {
      id: string;
      conversation_id: string;
      seq: number;
      subject: string | null;
    }[] = await m.query('SELECT id, conversation_id, seq, subject FROM messages WHERE id = $1', [
      messageId,
    ]);
    if (!message) throw new MergeFieldException('messageId', 'names no message');
    if (message.conversation_id !== c.id)
      throw new MergeFieldException('messageId', 'is not a message of this conversation');
    const [earlier]: unknown[] = await m.query(
      'SELECT 1 FROM messages WHERE conversation_id = $1 AND seq < $2 LIMIT 1',
      [c.id, message.seq],
    );
    if (!earlier)
      throw new MergeFieldException(
        'messageId',
        'is the first message of the conversation: nothing would stay behind',
      );
    const wanted = teamId ?? c.teamId;
    const [team]: { id: string; name: string }[] = wanted
      ? await m.query('SELECT id, name FROM teams WHERE id = $1', [wanted])
      : [];
    if (teamId && !team) throw new MergeFieldException('teamId', 'names no team');
    return splitConversation(
      m,
      {
        conversationId: c.id,
        message: { id: message.id, seq: message.seq, subject: message.subject },
        team: team ?? null,
        note: note || null,
        actorId,
      },
      batch,
    );
  }

  /**
   * The conversations' rows, locked in id order (two merges of the same pair never deadlock), after
   * their contacts' rows, as the intake locks them: a customer's message being threaded meanwhile
   * either lands before the change or is threaded after it, never into a conversation merged away.
   */
  private async lock(m: EntityManager, ids: string[]): Promise<Map<string, Locked>> {
    await m.query(
      `SELECT k.id FROM contacts k
        WHERE k.id IN (SELECT contact_id FROM conversations WHERE id = ANY($1::uuid[]))
        ORDER BY k.id FOR UPDATE`,
      [ids],
    );
    const rows = await m.getRepository(Conversation).find({
      where: { id: In(ids) },
      order: { id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** Access as for its status: anyone who sees an unowned one; else its owner or an overseer. */
  private async assertMayChange(user: AuthUser, c: Locked): Promise<void> {
    if (!(await this.access.canSee(user, c.id))) throw new NotOwnerMergeException();
    if (c.ownerId && c.ownerId !== user.id && !OVERSEEING_ROLES.includes(user.role))
      throw new NotOwnerMergeException();
  }
}
