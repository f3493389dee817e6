import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  OVERSEEING_ROLES,
  type BulkConversationResultDto,
  type BulkConversationsParams,
  type BulkConversationsResultDto,
} from '@touchpoint/shared';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../core/auth/auth-user';
import { AppException, NotFoundException } from '../../core/errors/app.exception';
import { DomainEvents } from '../../core/events/domain-events';
import { ConversationAccess } from '../conversations/conversation-access.service';
import { MergedAwayException } from '../conversations/conversation-merge.exception';
import { changeOwner } from '../conversations/conversation-writer';
import { Conversation } from '../conversations/conversation.entity';
import { ConversationsService } from '../conversations/conversations.service';
import { Label } from './label.entity';
import {
  AssignNotAllowedException,
  BulkTargetException,
  UnknownLabelException,
} from './labels.exception';
import { LabelsService } from './labels.service';

/**
 * One action on many conversations from the list: each goes through the rules of the single action
 * (who may see it, who may resolve or assign it) in a transaction of its own, so one refusal leaves
 * the others done. Answers each conversation's outcome, in the order asked.
 */
@Injectable()
export class ConversationBulkService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: ConversationAccess,
    private readonly conversations: ConversationsService,
    private readonly labels: LabelsService,
    private readonly events: DomainEvents,
  ) {}

  async apply(user: AuthUser, input: BulkConversationsParams): Promise<BulkConversationsResultDto> {
    await this.checkTargets(user, input);
    const results: BulkConversationResultDto[] = [];
    for (const conversationId of [...new Set(input.conversationIds)]) {
      try {
        await this.applyOne(user, conversationId, input);
        results.push({ conversationId, outcome: 'done' });
      } catch (e) {
        if (!(e instanceof AppException)) throw e;
        results.push({ conversationId, outcome: 'refused', reason: e.message, code: e.code });
      }
    }
    const done = results.filter((r) => r.outcome === 'done').length;
    return { results, done, refused: results.length - done };
  }

  /** What the request names besides the conversations must exist: a 400 naming the field otherwise. */
  private async checkTargets(user: AuthUser, input: BulkConversationsParams): Promise<void> {
    if (input.action === 'assign') {
      if (input.userId) {
        const [found] = await this.db.query('SELECT 1 FROM users WHERE id = $1 AND active', [
          input.userId,
        ]);
        if (!found) throw new BulkTargetException('userId', input.userId);
      }
      if (input.teamId) {
        const [found] = await this.db.query('SELECT 1 FROM teams WHERE id = $1', [input.teamId]);
        if (!found) throw new BulkTargetException('teamId', input.teamId);
      }
      const self = input.userId === user.id && !input.teamId;
      if (!self && !OVERSEEING_ROLES.includes(user.role)) throw new AssignNotAllowedException();
    }
    if ((input.action === 'label' || input.action === 'unlabel') && input.labelId) {
      const exists = await this.db.getRepository(Label).existsBy({ id: input.labelId });
      if (!exists) throw new UnknownLabelException(input.labelId);
    }
  }

  private async applyOne(
    user: AuthUser,
    conversationId: string,
    input: BulkConversationsParams,
  ): Promise<void> {
    switch (input.action) {
      case 'resolve':
        await this.conversations.update(user, conversationId, { status: 'resolved' });
        return;
      case 'label':
      case 'unlabel':
        await this.labels.change(user, conversationId, input.labelId!, input.action === 'label');
        return;
      case 'assign':
        if (input.userId === user.id && !input.teamId) {
          await this.conversations.claim(user, conversationId);
          return;
        }
        await this.assign(user, conversationId, input.userId ?? null, input.teamId ?? null);
        return;
    }
  }

  /**
   * A supervisor or admin hands a conversation to a person (in its team, or in `teamId`) or to a
   * team's queue (unowned). One already so assigned stays as it is.
   */
  private async assign(
    user: AuthUser,
    conversationId: string,
    ownerId: string | null,
    teamId: string | null,
  ): Promise<void> {
    await this.access.assertCanSee(user, conversationId);
    await this.events.transaction(async (m, batch) => {
      const c = await m
        .getRepository(Conversation)
        .findOne({ where: { id: conversationId }, lock: { mode: 'pessimistic_write' } });
      if (!c) throw new NotFoundException('Conversation', conversationId);
      if (c.mergedIntoId) throw new MergedAwayException(c.mergedIntoId);
      if (c.ownerId === ownerId && (!teamId || c.teamId === teamId)) return;
      await changeOwner(m, c, { ownerId, teamId, actorId: user.id }, batch);
    });
  }
}
