import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  OVERSEEING_ROLES,
  type CreateHandoffRequest,
  type HandoffDto,
  type ParticipantDto,
} from '@touchpoint/shared';
import type { Queue } from 'bullmq';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '../../core/auth/auth-user';
import { DomainEvents, EventBatch } from '../../core/events/domain-events';
import { NotFoundException } from '../../core/errors/app.exception';
import { withTimeout } from '../../core/queue/enqueue';
import { JOBS, QUEUES } from '../../core/queue/queue.constants';
import {
  ConversationAccess,
  participantActive,
} from '../conversations/conversation-access.service';
import {
  addTimelineEvent,
  changeOwner,
  endParticipantAccess,
  participantGraceSeconds,
  startParticipantGrace,
} from '../conversations/conversation-writer';
import { Conversation } from '../conversations/conversation.entity';
import { NotificationsService } from '../notifications/notifications.service';
import { Team } from '../users/team.entity';
import { User } from '../users/user.entity';
import { ConversationParticipant } from './conversation-participant.entity';
import { HANDOFF_RELATIONS, toHandoffDto } from './handoff.mapper';
import { Handoff } from './handoff.entity';
import {
  HandoffForbiddenException,
  HandoffStateException,
  HandoffTargetException,
} from './handoffs.exception';

type HandoffListView = 'queue' | 'mine' | 'requested';

/**
 * Consults and transfers. The owner stays the customer's one voice: a consult brings a specialist in
 * (as participant of this conversation only), a transfer moves ownership when accepted. Every step is
 * atomic, recorded in the timeline and announced after commit.
 */
@Injectable()
export class HandoffsService {
  private readonly logger = new Logger('Handoffs');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(QUEUES.timers) private readonly timers: Queue,
    private readonly access: ConversationAccess,
    private readonly events: DomainEvents,
    private readonly notifications: NotificationsService,
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
      .orderBy('h.created_at', 'ASC')
      .limit(200);
    if (view === 'queue') {
      const myTeams = await this.access.teamIdsOf(user.id);
      if (teamId && !OVERSEEING_ROLES.includes(user.role) && !myTeams.includes(teamId)) {
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

  async participants(user: AuthUser, conversationId: string): Promise<ParticipantDto[]> {
    await this.access.assertCanSee(user, conversationId);
    const rows = await this.db
      .getRepository(ConversationParticipant)
      .createQueryBuilder('p')
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

  /** The owner (or a supervisor) asks a team or a person to consult or take over. */
  async request(
    user: AuthUser,
    conversationId: string,
    input: CreateHandoffRequest,
  ): Promise<HandoffDto> {
    await this.access.assertCanSee(user, conversationId);
    const batch = new EventBatch();
    const handoff = await this.db.transaction(async (m) => {
      const conversation = await m
        .getRepository(Conversation)
        .findOne({ where: { id: conversationId }, lock: { mode: 'pessimistic_write' } });
      if (!conversation) throw new NotFoundException('Conversation', conversationId);
      const overseer = OVERSEEING_ROLES.includes(user.role);
      if (input.force && !overseer)
        throw new HandoffForbiddenException('Only supervisors and admins force a transfer');
      if (conversation.ownerId !== user.id && !overseer) {
        throw new HandoffForbiddenException(
          conversation.ownerId
            ? 'Only the owner of the conversation pulls others in or hands it over'
            : 'Claim the conversation first',
        );
      }
      const { team, target } = await this.resolveTarget(m, input);
      if (target?.id === conversation.ownerId)
        throw new HandoffTargetException('userId is the owner already');
      if (input.force)
        return this.forceTransfer(m, user, conversation, input.note, team, target, batch);
      const open = await m
        .getRepository(Handoff)
        .createQueryBuilder('h')
        .where(
          `h.conversation_id = :conversationId AND h.status IN ('requested','accepted') AND h.kind = :kind`,
          {
            conversationId,
            kind: input.kind,
          },
        )
        .andWhere(team ? 'h.team_id = :teamId' : 'h.assignee_id = :userId', {
          teamId: team?.id,
          userId: target?.id,
        })
        .getExists();
      if (open)
        throw new HandoffStateException(
          `An open ${input.kind} to ${team?.name ?? target?.name} exists already`,
        );

      const policy = team ?? (await this.policyTeam(m, conversation.teamId));
      const acceptDueAt = new Date(Date.now() + (policy?.consultAcceptSeconds ?? 900) * 1000);
      const saved = await m.getRepository(Handoff).save({
        conversationId,
        kind: input.kind,
        note: input.note,
        teamId: team?.id ?? null,
        assigneeId: target?.id ?? null,
        requestedById: user.id,
        acceptDueAt,
      });
      await addTimelineEvent(m, conversationId, 'handoff.requested', user.id, {
        handoffId: saved.id,
        kind: input.kind,
        note: input.note,
        team: team ? { id: team.id, name: team.name } : null,
        user: target ? { id: target.id, name: target.name } : null,
      });
      await this.notifications.notify(
        m,
        team ? await this.notifications.teamMemberIds(m, team.id) : [target?.id ?? ''],
        {
          kind: 'handoff.requested',
          conversationId,
          handoffId: saved.id,
          actorId: user.id,
          text: input.note,
        },
        batch,
      );
      batch.add('handoff.created', { conversationId, handoffId: saved.id });
      batch.add('conversation.updated', { conversationId });
      return saved;
    });
    await this.events.publish(batch);
    if (handoff.status === 'requested') await this.scheduleSla(handoff);
    return this.get(handoff.id);
  }

  /**
   * A supervisor's transfer takes effect at once: to a person, who owns it from now on; to a team,
   * where it waits unowned in the queue. Recorded like any transfer, so reports count the bounce.
   */
  private async forceTransfer(
    m: EntityManager,
    user: AuthUser,
    conversation: Conversation,
    note: string,
    team: Team | null,
    target: User | null,
    batch: EventBatch,
  ): Promise<Handoff> {
    const now = new Date();
    const saved = await m.getRepository(Handoff).save({
      conversationId: conversation.id,
      kind: 'transfer' as const,
      status: 'completed' as const,
      note,
      teamId: team?.id ?? null,
      assigneeId: target?.id ?? null,
      requestedById: user.id,
      acceptDueAt: null,
      acceptedAt: now,
      completedAt: now,
    });
    await addTimelineEvent(m, conversation.id, 'handoff.requested', user.id, {
      handoffId: saved.id,
      kind: 'transfer',
      forced: true,
      note,
      team: team ? { id: team.id, name: team.name } : null,
      user: target ? { id: target.id, name: target.name } : null,
    });
    await this.moveOwnership(m, saved, target?.id ?? null, user.id, batch);
    const told = target ? [target.id] : await this.notifications.teamMemberIds(m, team?.id ?? '');
    await this.notifications.notify(
      m,
      [...told, ...(conversation.ownerId ? [conversation.ownerId] : [])],
      {
        kind: target ? 'conversation.assigned' : 'handoff.requested',
        conversationId: conversation.id,
        handoffId: saved.id,
        actorId: user.id,
        text: note,
      },
      batch,
    );
    batch.add('handoff.created', { conversationId: conversation.id, handoffId: saved.id });
    batch.add('conversation.updated', { conversationId: conversation.id });
    return saved;
  }

  /**
   * The owner keeps a specialist in after their consult (access without end), or takes someone's
   * access away. Supervisors and admins may do it too.
   */
  async keepParticipant(
    user: AuthUser,
    conversationId: string,
    userId: string,
  ): Promise<ParticipantDto> {
    await this.changeParticipant(user, conversationId, userId, 'keep');
    const kept = (await this.participants(user, conversationId)).find((p) => p.user.id === userId);
    if (!kept) throw new NotFoundException('Participant', userId);
    return kept;
  }

  async removeParticipant(user: AuthUser, conversationId: string, userId: string): Promise<void> {
    await this.changeParticipant(user, conversationId, userId, 'remove');
  }

  private async changeParticipant(
    user: AuthUser,
    conversationId: string,
    userId: string,
    action: 'keep' | 'remove',
  ): Promise<void> {
    await this.access.assertCanSee(user, conversationId);
    const batch = new EventBatch();
    await this.db.transaction(async (m) => {
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
      if (action === 'keep') {
        // Detached from its consult, so completing the consult starts no grace period for it.
        await m.query(
          `UPDATE conversation_participants SET expires_at = NULL, handoff_id = NULL
           WHERE conversation_id = $1 AND user_id = $2`,
          [conversationId, userId],
        );
      } else {
        await endParticipantAccess(m, conversationId, userId, batch);
      }
      await addTimelineEvent(
        m,
        conversationId,
        action === 'keep' ? 'participant.kept' : 'participant.removed',
        user.id,
        { user: { id: userId, name: row.name } },
      );
      batch.add('conversation.updated', { conversationId });
    });
    await this.events.publish(batch);
  }

  /** Of two people accepting at once exactly one wins; the other gets 409. */
  async accept(user: AuthUser, id: string): Promise<HandoffDto> {
    const batch = new EventBatch();
    await this.db.transaction(async (m) => {
      const h = await this.locked(m, id);
      await this.assertCanTake(m, user, h);
      if (h.status !== 'requested') throw new HandoffStateException(await this.stateMessage(m, h));
      const policy = await this.policyTeam(m, h.teamId);
      const now = new Date();
      await m.getRepository(Handoff).update(id, {
        status: h.kind === 'transfer' ? 'completed' : 'accepted',
        assigneeId: user.id,
        acceptedAt: now,
        ...(h.kind === 'transfer' && { completedAt: now }),
        ...(h.kind === 'consult' && {
          answerDueAt: new Date(now.getTime() + (policy?.consultAnswerSeconds ?? 7200) * 1000),
        }),
      });
      await addTimelineEvent(m, h.conversationId, 'handoff.accepted', user.id, {
        handoffId: id,
        kind: h.kind,
        user: { id: user.id, name: user.name },
      });
      await this.notifications.notify(
        m,
        [h.requestedById],
        {
          kind: 'handoff.accepted',
          conversationId: h.conversationId,
          handoffId: id,
          actorId: user.id,
          text: h.note,
        },
        batch,
      );
      if (h.kind === 'consult') {
        await m.query(
          `INSERT INTO conversation_participants (conversation_id, user_id, via, handoff_id, expires_at)
           VALUES ($1, $2, 'consult', $3, NULL)
           ON CONFLICT (conversation_id, user_id) DO UPDATE SET via = 'consult', handoff_id = $3, expires_at = NULL`,
          [h.conversationId, user.id, id],
        );
      } else {
        await this.moveOwnership(m, h, user.id, user.id, batch);
      }
      batch.add('handoff.updated', { conversationId: h.conversationId, handoffId: id });
      batch.add('conversation.updated', { conversationId: h.conversationId });
    });
    await this.events.publish(batch);
    return this.get(id);
  }

  async decline(user: AuthUser, id: string, reason: string): Promise<HandoffDto> {
    return this.finish(id, async (m, h, batch) => {
      await this.assertCanTake(m, user, h);
      if (h.status !== 'requested') throw new HandoffStateException(await this.stateMessage(m, h));
      await m
        .getRepository(Handoff)
        .update(id, { status: 'declined', declineReason: reason, completedAt: new Date() });
      await addTimelineEvent(m, h.conversationId, 'handoff.declined', user.id, {
        handoffId: id,
        kind: h.kind,
        reason,
      });
      await this.notifications.notify(
        m,
        [h.requestedById],
        {
          kind: 'handoff.declined',
          conversationId: h.conversationId,
          handoffId: id,
          actorId: user.id,
          text: reason,
        },
        batch,
      );
    });
  }

  /** The specialist answers: the summary goes back to the owner; their access ends after the grace period. */
  async complete(user: AuthUser, id: string, summary: string): Promise<HandoffDto> {
    return this.finish(id, async (m, h, batch) => {
      if (h.status !== 'accepted') throw new HandoffStateException(await this.stateMessage(m, h));
      if (h.assigneeId !== user.id && !OVERSEEING_ROLES.includes(user.role)) {
        throw new HandoffForbiddenException(
          'Only the person who accepted this consult completes it',
        );
      }
      await m
        .getRepository(Handoff)
        .update(id, { status: 'completed', summary, completedAt: new Date() });
      await addTimelineEvent(m, h.conversationId, 'handoff.completed', user.id, {
        handoffId: id,
        kind: h.kind,
        summary,
      });
      // The answer goes back to whoever asked (the owner), as a notification.
      await this.notifications.notify(
        m,
        [h.requestedById],
        {
          kind: 'handoff.completed',
          conversationId: h.conversationId,
          handoffId: id,
          actorId: user.id,
          text: summary,
        },
        batch,
      );
      await this.startGrace(m, h, batch);
    });
  }

  /** The requester (or a supervisor) withdraws an open handoff. */
  async cancel(user: AuthUser, id: string): Promise<HandoffDto> {
    return this.finish(id, async (m, h, batch) => {
      if (h.requestedById !== user.id && !OVERSEEING_ROLES.includes(user.role)) {
        throw new HandoffForbiddenException('Only who asked for it cancels a handoff');
      }
      if (h.status !== 'requested' && h.status !== 'accepted')
        throw new HandoffStateException(await this.stateMessage(m, h));
      await m.getRepository(Handoff).update(id, { status: 'cancelled', completedAt: new Date() });
      await addTimelineEvent(m, h.conversationId, 'handoff.cancelled', user.id, {
        handoffId: id,
        kind: h.kind,
      });
      await this.startGrace(m, h, batch);
    });
  }

  /** SLA timer at 50%: remind the target again (idempotent: only while still requested). */
  async remind(id: string): Promise<boolean> {
    const h = await this.db.getRepository(Handoff).findOne({ where: { id } });
    if (!h || h.status !== 'requested') return false;
    await this.events.publish(
      EventBatch.of('handoff.updated', { conversationId: h.conversationId, handoffId: id }),
    );
    return true;
  }

  /**
   * SLA timer at 100%: mark breached, tell supervisors, and widen to the team's fallback team if it has
   * one. An accepted (or otherwise finished) handoff never escalates.
   */
  async escalate(id: string): Promise<boolean> {
    const batch = new EventBatch();
    const escalated = await this.db.transaction(async (m) => {
      const h = await this.locked(m, id);
      if (h.status !== 'requested' || h.breached) return false;
      const team = await this.policyTeam(m, h.teamId);
      const fallback = team?.fallbackTeamId
        ? await m.getRepository(Team).findOne({ where: { id: team.fallbackTeamId } })
        : null;
      await m
        .getRepository(Handoff)
        .update(id, { breached: true, ...(fallback && { teamId: fallback.id }) });
      await addTimelineEvent(m, h.conversationId, 'handoff.escalated', null, {
        handoffId: id,
        kind: h.kind,
        team: fallback ? { id: fallback.id, name: fallback.name } : null,
      });
      await this.notifications.notify(
        m,
        [
          ...(await this.notifications.overseerIds(m)),
          ...(fallback ? await this.notifications.teamMemberIds(m, fallback.id) : []),
        ],
        {
          kind: 'handoff.escalated',
          conversationId: h.conversationId,
          handoffId: id,
          text: h.note,
        },
        batch,
      );
      batch.add('handoff.updated', { conversationId: h.conversationId, handoffId: id });
      return true;
    });
    await this.events.publish(batch);
    return escalated;
  }

  private async finish(
    id: string,
    work: (m: EntityManager, h: Handoff, batch: EventBatch) => Promise<void>,
  ): Promise<HandoffDto> {
    const batch = new EventBatch();
    await this.db.transaction(async (m) => {
      const h = await this.locked(m, id);
      await work(m, h, batch);
      batch.add('handoff.updated', { conversationId: h.conversationId, handoffId: id });
      batch.add('conversation.updated', { conversationId: h.conversationId });
    });
    await this.events.publish(batch);
    return this.get(id);
  }

  private async locked(m: EntityManager, id: string): Promise<Handoff> {
    const h = await m
      .getRepository(Handoff)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!h) throw new NotFoundException('Handoff', id);
    return h;
  }

  /** Who may accept or decline: the named person, or a member of the named team; supervisors always. */
  private async assertCanTake(m: EntityManager, user: AuthUser, h: Handoff): Promise<void> {
    if (OVERSEEING_ROLES.includes(user.role)) return;
    if (h.teamId) {
      const member = await m.query(
        'SELECT 1 FROM team_memberships WHERE team_id = $1 AND user_id = $2',
        [h.teamId, user.id],
      );
      if (member.length) return;
    } else if (h.assigneeId === user.id) return;
    throw new HandoffForbiddenException(
      h.teamId
        ? 'Only members of the requested team answer this handoff'
        : 'This handoff is addressed to someone else',
    );
  }

  private async stateMessage(m: EntityManager, h: Handoff): Promise<string> {
    if (
      h.status === 'accepted' ||
      (h.status === 'completed' && h.kind === 'transfer' && h.acceptedAt)
    ) {
      const [who] = await m.query('SELECT name FROM users WHERE id = $1', [h.assigneeId]);
      return `${who?.name ?? 'Someone'} accepted this ${h.kind} already`;
    }
    return `This ${h.kind} is ${h.status}`;
  }

  private async resolveTarget(
    m: EntityManager,
    input: CreateHandoffRequest,
  ): Promise<{ team: Team | null; target: User | null }> {
    if (input.teamId) {
      const team = await m.getRepository(Team).findOne({ where: { id: input.teamId } });
      if (!team) throw new HandoffTargetException(`teamId: no team with id ${input.teamId}`);
      return { team, target: null };
    }
    const target = await m
      .getRepository(User)
      .findOne({ where: { id: input.userId, active: true } });
    if (!target) throw new HandoffTargetException(`userId: no active user with id ${input.userId}`);
    return { team: null, target };
  }

  private async policyTeam(m: EntityManager, teamId: string | null): Promise<Team | null> {
    return teamId ? m.getRepository(Team).findOne({ where: { id: teamId } }) : null;
  }

  /**
   * A transfer takes effect: ownership (and the team, if one was asked) moves. `ownerId` null: it
   * waits unowned in the (new) team's queue.
   */
  private async moveOwnership(
    m: EntityManager,
    h: Handoff,
    ownerId: string | null,
    actorId: string,
    batch: EventBatch,
  ): Promise<void> {
    const conversation = await m
      .getRepository(Conversation)
      .findOneByOrFail({ id: h.conversationId });
    await changeOwner(
      m,
      conversation,
      { ownerId, teamId: h.teamId, actorId, details: { transferId: h.id } },
      batch,
    );
  }

  /**
   * The specialist keeps access for a grace period after the consult ends: the asked team's, or for
   * a consult to a person, that person's team's (see participantGraceSeconds).
   */
  private async startGrace(m: EntityManager, h: Handoff, batch: EventBatch): Promise<void> {
    if (h.kind !== 'consult' || !h.assigneeId) return;
    const target = { conversationId: h.conversationId, userId: h.assigneeId };
    const seconds = await participantGraceSeconds(m, { ...target, teamId: h.teamId });
    await startParticipantGrace(m, { ...target, handoffId: h.id, seconds }, batch);
  }

  /** Real delayed jobs: a reminder at half the acceptance window, an escalation at its end. */
  private async scheduleSla(h: Handoff): Promise<void> {
    if (!h.acceptDueAt) return;
    const total = h.acceptDueAt.getTime() - Date.now();
    try {
      await withTimeout(
        Promise.all([
          this.timers.add(
            JOBS.remindHandoff,
            { handoffId: h.id },
            { jobId: `${h.id}.remind`, delay: Math.max(0, total / 2) },
          ),
          this.timers.add(
            JOBS.escalateHandoff,
            { handoffId: h.id },
            { jobId: `${h.id}.escalate`, delay: Math.max(0, total) },
          ),
        ]),
      );
    } catch (err) {
      this.logger.warn(`SLA timers of handoff ${h.id} not scheduled: ${(err as Error).message}`);
    }
  }
}
