import { Injectable } from '@nestjs/common';
import type { HandoffDto, MarkLeadRequest } from '@touchpoint/shared';
import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../../core/auth/auth-user';
import { DomainEvents } from '../../core/events/domain-events';
import { ConversationAccess } from '../conversations/conversation-access.service';
import { markLead } from '../conversations/conversation-writer';
import { Conversation } from '../conversations/conversation.entity';
import { Team } from '../users/team.entity';
import { HandoffLifecycle } from './handoff-lifecycle.service';
import { HandoffQueries } from './handoff-queries.service';
import { HandoffTargetException } from './handoffs.exception';

/**
 * "Mark as lead": the conversation goes to sales through the usual handoff flow, a consult by
 * default (the first responder keeps the customer) or a transfer, with the qualification as the
 * handoff note. Sales sees the channel and the whole history like any consulted team; the
 * conversation carries a Lead badge and "marked as lead" on its timeline, all in one transaction.
 */
@Injectable()
export class LeadRequests {
  constructor(
    private readonly access: ConversationAccess,
    private readonly events: DomainEvents,
    private readonly lifecycle: HandoffLifecycle,
    private readonly queries: HandoffQueries,
  ) {}

  async mark(user: AuthUser, conversationId: string, input: MarkLeadRequest): Promise<HandoffDto> {
    await this.access.assertCanSee(user, conversationId);
    const kind = input.kind ?? 'consult';
    const handoff = await this.events.transaction(async (m, batch) => {
      const team = await this.leadTeam(m, input.teamId);
      const saved = await this.lifecycle.requestWithin(
        m,
        batch,
        user,
        conversationId,
        { kind, teamId: team.id, note: input.note },
        { lead: true },
      );
      const conversation = await m
        .getRepository(Conversation)
        .findOneByOrFail({ id: conversationId });
      await markLead(
        m,
        conversation,
        {
          actorId: user.id,
          handoffId: saved.id,
          kind,
          note: saved.note,
          team: { id: team.id, name: team.name },
        },
        batch,
      );
      return saved;
    });
    return this.queries.get(handoff.id);
  }

  /** The team asked for, or the one that receives leads. */
  private async leadTeam(m: EntityManager, teamId: string | undefined): Promise<Team> {
    const teams = m.getRepository(Team);
    if (teamId) {
      const team = await teams.findOne({ where: { id: teamId } });
      if (!team) throw new HandoffTargetException(`teamId: no team with id ${teamId}`);
      return team;
    }
    const team = await teams.findOne({ where: { receivesLeads: true } });
    if (!team)
      throw new HandoffTargetException(
        'teamId: no team receives leads; name one, or let an admin choose the team that receives leads',
      );
    return team;
  }
}
