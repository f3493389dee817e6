import { Injectable } from '@nestjs/common';
import { NUDGE_INTERVAL_SECONDS, OPEN_HANDOFF_STATUSES, type HandoffDto } from '@touchpoint/shared';
import type { AuthUser } from '../../core/auth/auth-user';
import { DomainEvents } from '../../core/events/domain-events';
import { NotFoundException } from '../../core/errors/app.exception';
import { addTimelineEvent } from '../conversations/conversation-writer';
import { NotificationsService } from '../notifications/notifications.service';
import { HandoffQueries } from './handoff-queries.service';
import { Handoff } from './handoff.entity';
import { HandoffNudgedRecentlyException, HandoffStateException } from './handoffs.exception';

/**
 * A supervisor's reminder to whoever holds an open consult or transfer: the person asked or who
 * accepted it, otherwise every member of the team asked. Once per NUDGE_INTERVAL_SECONDS, so a
 * double click or a retried request reminds once; recorded on the conversation's timeline.
 */
@Injectable()
export class HandoffNudges {
  constructor(
    private readonly events: DomainEvents,
    private readonly notifications: NotificationsService,
    private readonly queries: HandoffQueries,
  ) {}

  async nudge(user: AuthUser, id: string): Promise<HandoffDto> {
    await this.events.transaction(async (m, batch) => {
      const h = await m
        .getRepository(Handoff)
        .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!h) throw new NotFoundException('Handoff', id);
      if (!OPEN_HANDOFF_STATUSES.includes(h.status))
        throw new HandoffStateException(`This ${h.kind} is ${h.status}: nobody holds it any more`);
      // The database's clock, as for every other due time of a handoff.
      const [{ now }]: { now: Date }[] = await m.query('SELECT now() AS now');
      if (h.lastNudgedAt) {
        const left = NUDGE_INTERVAL_SECONDS * 1000 - (now.getTime() - h.lastNudgedAt.getTime());
        if (left > 0) throw new HandoffNudgedRecentlyException(Math.ceil(left / 60_000));
      }
      const recipients = h.assigneeId
        ? [h.assigneeId]
        : h.teamId
          ? await this.notifications.teamMemberIds(m, h.teamId)
          : [];
      await m.getRepository(Handoff).update(id, { lastNudgedAt: now });
      // Names as they were then, as the other handoff events of the timeline keep them.
      const [held]: {
        user: { id: string; name: string } | null;
        team: { id: string; name: string } | null;
      }[] = await m.query(
        `SELECT (SELECT json_build_object('id', u.id, 'name', u.name) FROM users u WHERE u.id = $1) AS user,
                  (SELECT json_build_object('id', t.id, 'name', t.name) FROM teams t WHERE t.id = $2) AS team`,
        [h.assigneeId, h.assigneeId ? null : h.teamId],
      );
      await addTimelineEvent(m, h.conversationId, 'handoff.nudged', user.id, {
        handoffId: id,
        kind: h.kind,
        user: held.user,
        team: held.team,
      });
      await this.notifications.notify(
        m,
        recipients,
        {
          kind: 'handoff.nudged',
          conversationId: h.conversationId,
          handoffId: id,
          actorId: user.id,
        },
        batch,
      );
      batch.add('handoff.updated', { conversationId: h.conversationId, handoffId: id });
      batch.add('conversation.updated', { conversationId: h.conversationId });
    });
    return this.queries.get(id);
  }
}
