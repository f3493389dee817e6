import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { SEES_ALL_ROLES, type HandoffDto, type ParticipantDto } from '@touchpoint/shared';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../core/auth/auth-user';
import { NotFoundException } from '../../core/errors/app.exception';
import {
  ConversationAccess,
  participantActive,
} from '../conversations/conversation-access.service';
import { ConversationParticipant } from '../conversations/conversation-participant.entity';
import { HANDOFF_RELATIONS, toHandoffDto } from './handoff.mapper';
import { Handoff } from './handoff.entity';
import { HandoffForbiddenException } from './handoffs.exception';

export type HandoffListView = 'queue' | 'mine' | 'requested';

/** Reads of handoffs and of who takes part in a conversation, for the inbox's lists and cards. */
@Injectable()
export class HandoffQueries {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: ConversationAccess,
  ) {}

  async get(id: string): Promise<HandoffDto> {
    const h = await this.db
      .getRepository(Handoff)
      .findOne({ where: { id }, relations: HANDOFF_RELATIONS });
    if (!h) throw new NotFoundException('Handoff', id);
    return toHandoffDto(h);
  }

  async listOfConversation(user: AuthUser, conversationId: string): Promise<HandoffDto[]> {
    await this.access.assertCanSee(user, conversationId);
    const list = await this.db.getRepository(Handoff).find({
      where: { conversationId },
      relations: HANDOFF_RELATIONS,
      order: { createdAt: 'ASC' },
    });
    return list.map(toHandoffDto);
  }

  /** `queue`: waiting for my teams or me; `mine`: accepted by me and open; `requested`: asked by me and open. */
  async list(user: AuthUser, view: HandoffListView, teamId?: string): Promise<HandoffDto[]> {
    const qb = this.db
      .getRepository(Handoff)
      .createQueryBuilder('h')
      .leftJoinAndSelect('h.team', 'team')
      .leftJoinAndSelect('h.assignee', 'assignee')
      .leftJoinAndSelect('h.requestedBy', 'requestedBy')
      .leftJoinAndSelect('h.conversation', 'conversation')
      .leftJoinAndSelect('conversation.contact', 'contact')
      .leftJoinAndSelect('conversation.lastInboundChannel', 'channel')
      .orderBy('h.created_at', 'ASC')
      .limit(200);
    if (view === 'queue') {
      const myTeams = await this.access.teamIdsOf(user.id);
      if (teamId && !SEES_ALL_ROLES.includes(user.role) && !myTeams.includes(teamId)) {
        throw new HandoffForbiddenException('You are not a member of this team');
      }
      const teams = teamId ? [teamId] : myTeams;
      qb.where(`h.status = 'requested'`).andWhere(
        teams.length ? '(h.team_id IN (:...teams) OR h.assignee_id = :me)' : 'h.assignee_id = :me',
        { teams, me: user.id },
      );
    } else if (view === 'mine') {
      qb.where(`h.status = 'accepted' AND h.assignee_id = :me`, { me: user.id });
    } else {
      qb.where(`h.status IN ('requested', 'accepted') AND h.requested_by_id = :me`, {
        me: user.id,
      });
    }
    return (await qb.getMany()).map(toHandoffDto);
  }

  /** Who takes part in the conversation right now (the conversations module owns the rows). */
  async participants(user: AuthUser, conversationId: string): Promise<ParticipantDto[]> {
    await this.access.assertCanSee(user, conversationId);
    const rows = await this.db
      .createQueryBuilder(ConversationParticipant, 'p')
      .innerJoinAndSelect('p.user', 'user')
      .where(`p.conversation_id = :conversationId AND ${participantActive('p')}`, {
        conversationId,
      })
      .orderBy('p.created_at', 'ASC')
      .getMany();
    return rows.map((p) => ({
      user: { id: p.userId, name: p.user?.name ?? '' },
      via: p.via,
      expiresAt: p.expiresAt?.toISOString() ?? null,
      untilConsultEnds: p.expiresAt === null && p.handoffId !== null,
    }));
  }
}
