import { Injectable } from '@nestjs/common';
import {
  OVERSEEING_ROLES,
  type SplitConsultRequest,
  type SplitResultDto,
} from '@touchpoint/shared';
import type { AuthUser } from '../../core/auth/auth-user';
import { DomainEvents } from '../../core/events/domain-events';
import { NotFoundException } from '../../core/errors/app.exception';
import { ConversationMergeService } from '../conversations/conversation-merge.service';
import { Conversation } from '../conversations/conversation.entity';
import { ConversationsService } from '../conversations/conversations.service';
import { HandoffLifecycle } from './handoff-lifecycle.service';
import { Handoff } from './handoff.entity';
import { HandoffForbiddenException, HandoffStateException } from './handoffs.exception';

/**
 * The customer wrote to another team's channel and that team was pulled in automatically: when the
 * request is in fact a new issue, its message (and what followed) becomes its own conversation in
 * that team's queue, and the consult ends, in one transaction. For the owner, the team asked, and
 * supervisors.
 */
@Injectable()
export class ConsultSplit {
  constructor(
    private readonly events: DomainEvents,
    private readonly lifecycle: HandoffLifecycle,
    private readonly merges: ConversationMergeService,
    private readonly conversations: ConversationsService,
  ) {}

  async split(
    user: AuthUser,
    handoffId: string,
    input: SplitConsultRequest,
  ): Promise<SplitResultDto> {
    const { conversationId, splitId } = await this.events.transaction(async (m, batch) => {
      const h = await m
        .getRepository(Handoff)
        .findOne({ where: { id: handoffId }, lock: { mode: 'pessimistic_write' } });
      if (!h) throw new NotFoundException('Handoff', handoffId);
      const c = await m.getRepository(Conversation).findOne({
        where: { id: h.conversationId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!c) throw new NotFoundException('Conversation', h.conversationId);
      const [member]: unknown[] = h.teamId
        ? await m.query('SELECT 1 FROM team_memberships WHERE team_id = $1 AND user_id = $2', [
            h.teamId,
            user.id,
          ])
        : [];
      if (!member && c.ownerId !== user.id && !OVERSEEING_ROLES.includes(user.role))
        throw new HandoffForbiddenException(
          'Only the owner or the team asked splits this request into its own conversation',
        );
      // The request's event names the message: the customer's last one to that team's channel before it.
      const [request]: { seq: number; conversation_id: string }[] = await m.query(
        `SELECT seq, conversation_id FROM timeline_events
          WHERE kind = 'handoff.requested' AND data->>'handoffId' = $1 AND (data->>'automatic')::boolean`,
        [h.id],
      );
      if (h.kind !== 'consult' || !h.teamId || !request)
        throw new HandoffStateException(
          'Only a consult the customer’s message to another team’s channel started can be split off',
        );
      if (h.status !== 'requested' && h.status !== 'accepted')
        throw new HandoffStateException(`This consult is ${h.status}`);
      if (request.conversation_id !== c.id)
        throw new HandoffStateException('This request was moved to another conversation already');
      const [message]: { id: string }[] = await m.query(
        `SELECT msg.id FROM messages msg JOIN channels ch ON ch.id = msg.channel_id
          WHERE msg.conversation_id = $1 AND msg.seq < $2 AND msg.type = 'inbound' AND ch.team_id = $3
          ORDER BY msg.seq DESC LIMIT 1`,
        [c.id, request.seq, h.teamId],
      );
      if (!message)
        throw new HandoffStateException('The message of this request is not in the thread');
      const note = input.note || 'Split into its own conversation';
      const splitId = await this.merges.splitWithin(
        m,
        c,
        user.id,
        { messageId: message.id, teamId: h.teamId, note },
        batch,
      );
      await this.lifecycle.withdrawForSplit(m, h, user.id, note, batch);
      return { conversationId: c.id, splitId };
    });
    return {
      conversation: await this.conversations.summary(conversationId),
      split: await this.conversations.summary(splitId),
    };
  }
}
