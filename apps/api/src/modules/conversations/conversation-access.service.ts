import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { OVERSEEING_ROLES } from '@touchpoint/shared';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../core/auth/auth-user';
import { NotFoundException } from '../../core/errors/app.exception';
import { Conversation } from './conversation.entity';
import { ConversationForbiddenException } from './conversations.exception';

/**
 * Who may see a conversation: supervisors and admins all; agents those they own, those waiting in or
 * belonging to their teams, and those they take part in (an accepted consult, until its grace period
 * ends). The same rule guards REST, rooms and files.
 */
@Injectable()
export class ConversationAccess {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async teamIdsOf(userId: string): Promise<string[]> {
    const rows: { team_id: string }[] = await this.db.query(
      'SELECT team_id FROM team_memberships WHERE user_id = $1',
      [userId],
    );
    return rows.map((r) => r.team_id);
  }

  /** SQL condition (alias `c`) limiting conversations to what `user` may see; params start at `$from`. */
  async visibilityFilter(
    user: AuthUser,
  ): Promise<{ where: string; params: Record<string, unknown> }> {
    if (OVERSEEING_ROLES.includes(user.role)) return { where: 'TRUE', params: {} };
    return {
      where: `(c.owner_id = :viewerId OR c.team_id IN (SELECT team_id FROM team_memberships WHERE user_id = :viewerId)
              OR EXISTS (SELECT 1 FROM conversation_participants cp WHERE cp.conversation_id = c.id AND cp.user_id = :viewerId
                         AND (cp.expires_at IS NULL OR cp.expires_at > now())))`,
      params: { viewerId: user.id },
    };
  }

  /** Of `conversationIds`, those `user` may see: one query, whatever the number. */
  async visibleAmong(user: AuthUser, conversationIds: string[]): Promise<Set<string>> {
    if (conversationIds.length === 0) return new Set();
    const { where, params } = await this.visibilityFilter(user);
    const rows = await this.db
      .getRepository(Conversation)
      .createQueryBuilder('c')
      .select('c.id')
      .where('c.id IN (:...ids)', { ids: conversationIds })
      .andWhere(where, params)
      .getMany();
    return new Set(rows.map((r) => r.id));
  }

  async canSee(user: AuthUser, conversationId: string): Promise<boolean> {
    const { where, params } = await this.visibilityFilter(user);
    const found = await this.db
      .getRepository(Conversation)
      .createQueryBuilder('c')
      .select('c.id')
      .where('c.id = :id', { id: conversationId })
      .andWhere(where, params)
      .getOne();
    return Boolean(found);
  }

  /** 404 if it does not exist, 403 if `user` may not see it. */
  async assertCanSee(user: AuthUser, conversationId: string): Promise<void> {
    if (await this.canSee(user, conversationId)) return;
    const exists = await this.db
      .getRepository(Conversation)
      .exists({ where: { id: conversationId } });
    throw exists
      ? new ConversationForbiddenException()
      : new NotFoundException('Conversation', conversationId);
  }
}
