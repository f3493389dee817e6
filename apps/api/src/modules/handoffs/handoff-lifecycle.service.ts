import { Injectable, type OnModuleInit } from '@nestjs/common';
import { OVERSEEING_ROLES, type CreateHandoffRequest, type HandoffDto } from '@touchpoint/shared';
import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../../core/auth/auth-user';
import { DomainEvents, EventBatch } from '../../core/events/domain-events';
import { NotFoundException } from '../../core/errors/app.exception';
import { ConversationAccess } from '../conversations/conversation-access.service';
import { ConversationHooks } from '../conversations/conversation-hooks';
import { addTimelineEvent, changeOwner, keepJourneys } from '../conversations/conversation-writer';
import { Conversation } from '../conversations/conversation.entity';
import { NotificationsService } from '../notifications/notifications.service';
import { Team } from '../users/team.entity';
import { User } from '../users/user.entity';
import { handoffMoments, type HandoffMoments } from './handoff-deadlines';
import { HandoffParticipants } from './handoff-participants.service';
import { HandoffQueries } from './handoff-queries.service';
import { HandoffSla } from './handoff-sla.service';
import { nextHandoffStatus, type HandoffAction } from './handoff-transitions';
import { Handoff } from './handoff.entity';
import {
  HandoffForbiddenException,
  HandoffStateException,
  HandoffTargetException,
} from './handoffs.exception';

/** What a transition writes besides the status. */
type HandoffChanges = Partial<
  Pick<
    Handoff,
    | 'assigneeId'
    | 'acceptedAt'
    | 'completedAt'
    | 'answerDueAt'
    | 'answerRemindAt'
    | 'answerRiskAt'
    | 'declineReason'
    | 'summary'
  >
>;

const answerColumns = (moments: HandoffMoments): HandoffChanges => ({
  answerDueAt: moments.dueAt,
  answerRemindAt: moments.remindAt,
  answerRiskAt: moments.riskAt,
});

/**
 * Consults and transfers from request to end. The owner stays the customer's one voice: a consult
 * brings a specialist in (as participant of this conversation only), a transfer moves ownership
 * when accepted. Every status change is one `transition` checked against HANDOFF_TRANSITIONS,
 * atomic, recorded in the timeline and announced after commit.
 */
@Injectable()
export class HandoffLifecycle implements OnModuleInit {
  constructor(
    private readonly access: ConversationAccess,
    private readonly events: DomainEvents,
    private readonly notifications: NotificationsService,
    private readonly queries: HandoffQueries,
    private readonly participants: HandoffParticipants,
    private readonly sla: HandoffSla,
    private readonly hooks: ConversationHooks,
  ) {}

  onModuleInit(): void {
    this.hooks.onResolve((m, conversationId, batch) =>
      this.expireWaiting(m, conversationId, batch),
    );
    this.hooks.onThreadMove((m, conversationIds, batch) =>
      this.followRequests(m, conversationIds, batch),
    );
  }

  /**
   * Entries moved between conversations (a merge or its undo): each handoff belongs to the
   * conversation its request now sits in, so an accepted consult of a conversation merged away goes
   * on in the merged thread, and back when the merge is undone.
   */
  private async followRequests(
    m: EntityManager,
    conversationIds: string[],
    batch: EventBatch,
  ): Promise<void> {
    const [moved]: [{ id: string; conversation_id: string }[], number] = await m.query(
      `UPDATE handoffs h SET conversation_id = e.conversation_id, updated_at = now()
         FROM timeline_events e
        WHERE h.conversation_id = ANY($1::uuid[]) AND e.conversation_id = ANY($1::uuid[])
          AND e.kind = 'handoff.requested' AND e.data->>'handoffId' = h.id::text
          AND e.conversation_id <> h.conversation_id
       RETURNING h.id, h.conversation_id`,
      [conversationIds],
    );
    for (const h of moved)
      batch.add('handoff.updated', { conversationId: h.conversation_id, handoffId: h.id });
  }

  /**
   * A resolved conversation needs nobody to accept a consult or transfer any more: waiting requests
   * expire (their SLA timers then do nothing). Accepted consults stay for the specialist to complete.
   */
  private async expireWaiting(
    m: EntityManager,
    conversationId: string,
    batch: EventBatch,
  ): Promise<void> {
    const waiting = await m.getRepository(Handoff).find({
      where: { conversationId, status: 'requested' },
      order: { createdAt: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
    for (const h of waiting) {
      await this.transition(m, h, 'expire', { completedAt: new Date() });
      await addTimelineEvent(m, conversationId, 'handoff.expired', null, {
        handoffId: h.id,
        kind: h.kind,
      });
      batch.add('handoff.updated', { conversationId, handoffId: h.id });
    }
  }

  /** The owner (or a supervisor) asks a team or a person to consult or take over. */
  async request(
    user: AuthUser,
    conversationId: string,
    input: CreateHandoffRequest,
  ): Promise<HandoffDto> {
    await this.access.assertCanSee(user, conversationId);
    const handoff = await this.events.transaction((m, batch) =>
      this.requestWithin(m, batch, user, conversationId, input),
    );
    // Its acceptance timers come from `handoff.created`, published before the transaction returns.
    return this.queries.get(handoff.id);
  }

  /**
   * A request inside the caller's transaction (a lead is marked in the same one): the caller has
   * checked that `user` sees the conversation. `origin.lead`: the note qualifies a sales lead.
   */
  async requestWithin(
    m: EntityManager,
    batch: EventBatch,
    user: AuthUser,
    conversationId: string,
    input: CreateHandoffRequest,
    origin: { lead?: true } = {},
  ): Promise<Handoff> {
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
    if (await this.hasOpen(m, conversationId, input.kind, team, target))
      throw new HandoffStateException(
        `An open ${input.kind} to ${team?.name ?? target?.name} exists already`,
      );
    return this.openRequest(
      m,
      batch,
      conversation,
      user.id,
      input.kind,
      input.note,
      team,
      target,
      origin,
    );
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
    const saved = await this.create(m, 'transfer', 'force', {
      conversationId: conversation.id,
      note,
      fromTeamId: conversation.teamId,
      teamId: team?.id ?? null,
      assigneeId: target?.id ?? null,
      requestedById: user.id,
      acceptDueAt: null,
      acceptedAt: now,
      completedAt: now,
    });
    await keepJourneys(m, [conversation.id]);
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

  /** Of two people accepting at once exactly one wins; the other gets 409. */
  async accept(user: AuthUser, id: string): Promise<HandoffDto> {
    const accepted = await this.events.transaction(async (m, batch) => {
      const h = await this.lockedWithConversation(m, id);
      await this.assertCanTake(m, user, h);
      const now = new Date();
      await this.transition(m, h, 'accept', {
        assigneeId: user.id,
        acceptedAt: now,
        ...(h.kind === 'transfer' && { completedAt: now }),
        // The team asked (or, for a person, the one asking), as for the acceptance.
        ...(h.kind === 'consult' &&
          answerColumns(
            await handoffMoments(m, 'answer', h.teamId ?? h.fromTeamId, h.conversationId, now),
          )),
      });
      await keepJourneys(m, [h.conversationId]);
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
      if (h.kind === 'consult') await this.participants.joinConsult(m, h, user.id);
      else await this.moveOwnership(m, h, user.id, user.id, batch);
      batch.add('handoff.updated', { conversationId: h.conversationId, handoffId: id });
      batch.add('conversation.updated', { conversationId: h.conversationId });
      return h;
    });
    if (accepted.status === 'accepted') await this.sla.schedule(accepted, 'answer');
    return this.queries.get(id);
  }

  async decline(user: AuthUser, id: string, reason: string): Promise<HandoffDto> {
    return this.finish(id, async (m, h, batch) => {
      await this.assertCanTake(m, user, h);
      await this.transition(m, h, 'decline', { declineReason: reason, completedAt: new Date() });
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
      // Who asks about a consult that is not being worked on learns its state first.
      await this.allowed(m, h, 'complete');
      if (h.assigneeId !== user.id && !OVERSEEING_ROLES.includes(user.role)) {
        throw new HandoffForbiddenException(
          'Only the person who accepted this consult completes it',
        );
      }
      await this.transition(m, h, 'complete', { summary, completedAt: new Date() });
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
      await this.participants.startGrace(m, h, batch);
    });
  }

  /** The requester (or a supervisor) withdraws an open handoff. */
  async cancel(user: AuthUser, id: string): Promise<HandoffDto> {
    return this.finish(id, async (m, h, batch) => {
      if (h.requestedById !== user.id && !OVERSEEING_ROLES.includes(user.role)) {
        throw new HandoffForbiddenException('Only who asked for it cancels a handoff');
      }
      await this.transition(m, h, 'cancel', { completedAt: new Date() });
      await addTimelineEvent(m, h.conversationId, 'handoff.cancelled', user.id, {
        handoffId: id,
        kind: h.kind,
      });
      await this.participants.startGrace(m, h, batch);
    });
  }

  /**
   * What a consult asked about went its own way (split into its own conversation), in the caller's
   * transaction with `h` locked: the consult ends as cancelled with the note saying so, and whoever
   * had accepted it keeps access for the grace period.
   */
  async withdrawForSplit(
    m: EntityManager,
    h: Handoff,
    actorId: string,
    note: string,
    batch: EventBatch,
  ): Promise<void> {
    await this.transition(m, h, 'cancel', { completedAt: new Date() });
    await addTimelineEvent(m, h.conversationId, 'handoff.cancelled', actorId, {
      handoffId: h.id,
      kind: h.kind,
      note,
    });
    await this.participants.startGrace(m, h, batch);
    batch.add('handoff.updated', { conversationId: h.conversationId, handoffId: h.id });
  }

  /** A new handoff, in the status the table gives its creating action. */
  private async create(
    m: EntityManager,
    kind: Handoff['kind'],
    action: Extract<HandoffAction, 'request' | 'force'>,
    fields: Partial<Handoff>,
  ): Promise<Handoff> {
    const status = nextHandoffStatus(kind, 'new', action);
    if (!status) throw new HandoffStateException(`A ${kind} cannot be created by ${action}`);
    return m.getRepository(Handoff).save({ ...fields, kind, status });
  }

  /** The status `action` leads to from where the handoff stands; 409 if the table refuses it. */
  private async allowed(m: EntityManager, h: Handoff, action: HandoffAction) {
    const to = nextHandoffStatus(h.kind, h.status, action);
    if (!to) throw new HandoffStateException(await this.stateMessage(m, h));
    return to;
  }

  /**
   * The one way a handoff's status changes: checked against the table, written with `changes`
   * only if the row still has the status it was read with (callers hold its lock).
   */
  private async transition(
    m: EntityManager,
    h: Handoff,
    action: HandoffAction,
    changes: HandoffChanges = {},
  ): Promise<void> {
    const to = await this.allowed(m, h, action);
    const result = await m
      .getRepository(Handoff)
      .update({ id: h.id, status: h.status }, { ...changes, status: to });
    if (!result.affected) throw new HandoffStateException(`This ${h.kind} changed meanwhile`);
    Object.assign(h, changes, { status: to });
  }

  private async finish(
    id: string,
    work: (m: EntityManager, h: Handoff, batch: EventBatch) => Promise<void>,
  ): Promise<HandoffDto> {
    await this.events.transaction(async (m, batch) => {
      const h = await this.locked(m, id);
      await work(m, h, batch);
      batch.add('handoff.updated', { conversationId: h.conversationId, handoffId: id });
      batch.add('conversation.updated', { conversationId: h.conversationId });
    });
    return this.queries.get(id);
  }

  private async locked(m: EntityManager, id: string): Promise<Handoff> {
    const h = await m
      .getRepository(Handoff)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!h) throw new NotFoundException('Handoff', id);
    return h;
  }

  /**
   * The handoff locked after its conversation: accepting writes the conversation's figures, and
   * resolving locks the conversation before its waiting handoffs; taking the locks in the same order
   * keeps an accept and a resolve at the same moment from deadlocking. A merge may move the handoff
   * to another conversation between the two reads: then the new one is locked.
   */
  private async lockedWithConversation(m: EntityManager, id: string): Promise<Handoff> {
    for (;;) {
      const [row]: { conversation_id: string }[] = await m.query(
        'SELECT conversation_id FROM handoffs WHERE id = $1',
        [id],
      );
      if (!row) throw new NotFoundException('Handoff', id);
      await m.query('SELECT 1 FROM conversations WHERE id = $1 FOR UPDATE', [row.conversation_id]);
      const h = await this.locked(m, id);
      if (h.conversationId === row.conversation_id) return h;
    }
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

  /**
   * The customer wrote to another team's channel (its form, its mailbox) while the conversation is
   * owned here: that team is pulled in on the owner's behalf, with the channel and the customer's
   * words as the note, in the caller's transaction (the message's), so the request is never
   * absorbed unseen and the owner stays the customer's one voice. Nothing when the conversation is
   * unowned, the owner belongs to that team, or a consult or transfer to it is open. Its SLA timers
   * are scheduled from `handoff.created`.
   */
  async consultForChannel(
    m: EntityManager,
    request: { conversationId: string; teamId: string; note: string },
    batch: EventBatch,
  ): Promise<Handoff | null> {
    const conversation = await m
      .getRepository(Conversation)
      .findOne({ where: { id: request.conversationId }, lock: { mode: 'pessimistic_write' } });
    if (!conversation?.ownerId || conversation.status === 'resolved') return null;
    if (conversation.teamId === request.teamId) return null;
    const team = await m.getRepository(Team).findOne({ where: { id: request.teamId } });
    if (!team) return null;
    const [member]: unknown[] = await m.query(
      'SELECT 1 FROM team_memberships WHERE team_id = $1 AND user_id = $2',
      [team.id, conversation.ownerId],
    );
    if (member) return null;
    for (const kind of ['consult', 'transfer'] as const)
      if (await this.hasOpen(m, conversation.id, kind, team, null)) return null;
    return this.openRequest(
      m,
      batch,
      conversation,
      conversation.ownerId,
      'consult',
      request.note,
      team,
      null,
      { automatic: true },
    );
  }

  private hasOpen(
    m: EntityManager,
    conversationId: string,
    kind: Handoff['kind'],
    team: Team | null,
    target: User | null,
  ): Promise<boolean> {
    return m
      .getRepository(Handoff)
      .createQueryBuilder('h')
      .where(
        `h.conversation_id = :conversationId AND h.status IN ('requested','accepted') AND h.kind = :kind`,
        { conversationId, kind },
      )
      .andWhere(team ? 'h.team_id = :teamId' : 'h.assignee_id = :userId', {
        teamId: team?.id,
        userId: target?.id,
      })
      .getExists();
  }

  /** A new request: stored, on the timeline, told to whoever must act; announced after commit. */
  private async openRequest(
    m: EntityManager,
    batch: EventBatch,
    conversation: Conversation,
    requestedById: string,
    kind: Handoff['kind'],
    note: string,
    team: Team | null,
    target: User | null,
    origin: { automatic?: true; lead?: true } = {},
  ): Promise<Handoff> {
    const conversationId = conversation.id;
    // A request to a person runs on the targets and hours of the team it comes from.
    const accept = await handoffMoments(
      m,
      'accept',
      team?.id ?? conversation.teamId,
      conversationId,
      new Date(),
    );
    const saved = await this.create(m, kind, 'request', {
      conversationId,
      note,
      fromTeamId: conversation.teamId,
      teamId: team?.id ?? null,
      assigneeId: target?.id ?? null,
      requestedById,
      acceptDueAt: accept.dueAt,
      acceptRemindAt: accept.remindAt,
      acceptRiskAt: accept.riskAt,
      lead: origin.lead ?? false,
    });
    await keepJourneys(m, [conversationId]);
    await addTimelineEvent(m, conversationId, 'handoff.requested', requestedById, {
      handoffId: saved.id,
      kind,
      note,
      team: team ? { id: team.id, name: team.name } : null,
      user: target ? { id: target.id, name: target.name } : null,
      ...origin,
    });
    await this.notifications.notify(
      m,
      team ? await this.notifications.teamMemberIds(m, team.id) : [target?.id ?? ''],
      {
        kind: 'handoff.requested',
        conversationId,
        handoffId: saved.id,
        actorId: requestedById,
        text: note,
      },
      batch,
    );
    batch.add('handoff.created', { conversationId, handoffId: saved.id });
    batch.add('conversation.updated', { conversationId });
    return saved;
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
}
