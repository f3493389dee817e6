import { Injectable } from '@nestjs/common';
import { OVERSEEING_ROLES, type ParticipantDto } from '@touchpoint/shared';
import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../../core/auth/auth-user';
import { DomainEvents, EventBatch } from '../../core/events/domain-events';
import { NotFoundException } from '../../core/errors/app.exception';
import {
  ConversationAccess,
  participantActive,
} from '../conversations/conversation-access.service';
import {
  addTimelineEvent,
  admitByConsult,
  endParticipantAccess,
  keepParticipant,
  participantGraceSeconds,
  startParticipantGrace,
} from '../conversations/conversation-writer';
import { Conversation } from '../conversations/conversation.entity';
import { HandoffQueries } from './handoff-queries.service';
import type { Handoff } from './handoff.entity';
import { HandoffForbiddenException } from './handoffs.exception';

/**
 * Who joins and leaves a conversation because of a handoff: the specialist of an accepted consult
 * comes in, keeps access for a grace period once it ends, and the owner may keep them in for good
 * or take their access away. The rows are written through the conversation's writer.
 */
@Injectable()
export class HandoffParticipants {
  constructor(
    private readonly access: ConversationAccess,
    private readonly events: DomainEvents,
    private readonly queries: HandoffQueries,
  ) {}

  /** The specialist who accepted a consult takes part until it ends. */
  async joinConsult(m: EntityManager, h: Handoff, userId: string): Promise<void> {
    await admitByConsult(m, { conversationId: h.conversationId, userId, handoffId: h.id });
  }

  /**
   * The specialist keeps access for a grace period after the consult ends: the asked team's, or for
   * a consult to a person, that person's team's (see participantGraceSeconds).
   */
  async startGrace(m: EntityManager, h: Handoff, batch: EventBatch): Promise<void> {
    if (h.kind !== 'consult' || !h.assigneeId) return;
    const target = { conversationId: h.conversationId, userId: h.assigneeId };
    const seconds = await participantGraceSeconds(m, { ...target, teamId: h.teamId });
    await startParticipantGrace(m, { ...target, handoffId: h.id, seconds }, batch);
  }

  /**
   * The owner keeps a specialist in after their consult (access without end), or takes someone's
   * access away. Supervisors and admins may do it too.
   */
  async keep(user: AuthUser, conversationId: string, userId: string): Promise<ParticipantDto> {
    await this.change(user, conversationId, userId, 'keep');
    const kept = (await this.queries.participants(user, conversationId)).find(
      (p) => p.user.id === userId,
    );
    if (!kept) throw new NotFoundException('Participant', userId);
    return kept;
  }

  async remove(user: AuthUser, conversationId: string, userId: string): Promise<void> {
    await this.change(user, conversationId, userId, 'remove');
  }

  private async change(
    user: AuthUser,
    conversationId: string,
    userId: string,
    action: 'keep' | 'remove',
  ): Promise<void> {
    await this.access.assertCanSee(user, conversationId);
    await this.events.transaction(async (m, batch) => {
      const conversation = await m
        .getRepository(Conversation)
        .findOne({ where: { id: conversationId }, lock: { mode: 'pessimistic_write' } });
      if (!conversation) throw new NotFoundException('Conversation', conversationId);
      if (conversation.ownerId !== user.id && !OVERSEEING_ROLES.includes(user.role))
        throw new HandoffForbiddenException(
          'Only the owner (or a supervisor) decides who stays in a conversation',
        );
      // Access that ended already is not taken away again (kept in, it may be given back).
      const [row]: { name: string }[] = await m.query(
        `SELECT u.name FROM conversation_participants p JOIN users u ON u.id = p.user_id
         WHERE p.conversation_id = $1 AND p.user_id = $2
           ${action === 'remove' ? `AND ${participantActive('p')}` : ''}`,
        [conversationId, userId],
      );
      if (!row) throw new NotFoundException('Participant', userId);
      if (action === 'keep') await keepParticipant(m, conversationId, userId);
      else await endParticipantAccess(m, conversationId, userId, batch);
      await addTimelineEvent(
        m,
        conversationId,
        action === 'keep' ? 'participant.kept' : 'participant.removed',
        user.id,
        { user: { id: userId, name: row.name } },
      );
      batch.add('conversation.updated', { conversationId });
    });
  }
}
