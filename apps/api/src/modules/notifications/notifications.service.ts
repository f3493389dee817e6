import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { NotificationDto, NotificationKind, NotificationListDto } from '@touchpoint/shared';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import type { AuthUser } from '../../core/auth/auth-user';
import type { EventBatch } from '../../core/events/domain-events';
import { NotFoundException } from '../../core/errors/app.exception';
import { Notification } from './notification.entity';

export interface NotifyInput {
  kind: NotificationKind;
  conversationId?: string | null;
  handoffId?: string | null;
  actorId?: string | null;
  text?: string;
}

const NOTIFICATION_RELATIONS = {
  actor: true,
  handoff: { team: true },
  conversation: { contact: true },
} as const;

export function toNotificationDto(n: Notification): NotificationDto {
  return {
    id: n.id,
    kind: n.kind,
    conversationId: n.conversationId,
    handoffId: n.handoffId,
    actor: n.actor ? { id: n.actor.id, name: n.actor.name } : null,
    handoff: n.handoff
      ? {
          kind: n.handoff.kind,
          team: n.handoff.team ? { id: n.handoff.team.id, name: n.handoff.team.name } : null,
        }
      : null,
    // A contact known only by address is shown by it.
    contactName:
      [
        n.conversation?.contact?.name,
        n.conversation?.contact?.email,
        n.conversation?.contact?.phone,
      ]
        .map((v) => v?.trim())
        .find(Boolean) ?? null,
    text: n.text,
    readAt: n.readAt?.toISOString() ?? null,
    createdAt: n.createdAt.toISOString(),
  };
}

@Injectable()
export class NotificationsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Writes notifications inside the caller's transaction; they are pushed live after its commit. */
  async notify(
    m: EntityManager,
    userIds: string[],
    input: NotifyInput,
    batch: EventBatch,
  ): Promise<void> {
    const recipients = [...new Set(userIds)].filter((id) => id && id !== input.actorId);
    if (recipients.length === 0) return;
    const rows: { id: string; user_id: string }[] = await m.query(
      `INSERT INTO notifications (user_id, kind, conversation_id, handoff_id, actor_id, text)
       SELECT u, $2, $3, $4, $5, $6 FROM unnest($1::uuid[]) AS u
       RETURNING id, user_id`,
      [
        recipients,
        input.kind,
        input.conversationId ?? null,
        input.handoffId ?? null,
        input.actorId ?? null,
        (input.text ?? '').slice(0, 1000),
      ],
    );
    for (const row of rows)
      batch.add('notification.created', { notificationId: row.id, userId: row.user_id });
  }

  /** Members of a team (optionally without someone), for team-wide notifications. */
  async teamMemberIds(m: EntityManager, teamId: string): Promise<string[]> {
    const rows: { user_id: string }[] = await m.query(
      'SELECT m.user_id FROM team_memberships m JOIN users u ON u.id = m.user_id WHERE m.team_id = $1 AND u.active',
      [teamId],
    );
    return rows.map((r) => r.user_id);
  }

  async overseerIds(m: EntityManager): Promise<string[]> {
    const rows: { id: string }[] = await m.query(
      `SELECT id FROM users WHERE role IN ('supervisor', 'admin') AND active`,
    );
    return rows.map((r) => r.id);
  }

  async list(user: AuthUser, unreadOnly: boolean): Promise<NotificationListDto> {
    const items = await this.db.getRepository(Notification).find({
      where: { userId: user.id, ...(unreadOnly && { readAt: IsNull() }) },
      relations: NOTIFICATION_RELATIONS,
      order: { createdAt: 'DESC' },
      take: 100,
    });
    const unreadCount = await this.db
      .getRepository(Notification)
      .count({ where: { userId: user.id, readAt: IsNull() } });
    return { items: items.map(toNotificationDto), unreadCount };
  }

  async markRead(user: AuthUser, id: string): Promise<NotificationListDto> {
    const result = await this.db
      .getRepository(Notification)
      .update({ id, userId: user.id }, { readAt: new Date() });
    if (!result.affected) throw new NotFoundException('Notification', id);
    return this.list(user, false);
  }

  async markAllRead(user: AuthUser): Promise<NotificationListDto> {
    await this.db
      .getRepository(Notification)
      .update({ userId: user.id, readAt: IsNull() }, { readAt: new Date() });
    return this.list(user, false);
  }

  async get(id: string): Promise<NotificationDto | null> {
    const n = await this.db
      .getRepository(Notification)
      .findOne({ where: { id }, relations: NOTIFICATION_RELATIONS });
    return n ? toNotificationDto(n) : null;
  }
}
