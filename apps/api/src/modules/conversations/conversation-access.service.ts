import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { OVERSEEING_ROLES, READ_ONLY_ROLES, SEES_ALL_ROLES } from '@touchpoint/shared';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '../../core/auth/auth-user';
import { NotFoundException } from '../../core/errors/app.exception';
import { Conversation } from './conversation.entity';
import { ConversationForbiddenException } from './conversations.exception';

/** SQL: the participant row `alias` still grants access (open consult, kept in, or grace not over). */
export const participantActive = (alias: string) =>
  `(${alias}.expires_at IS NULL OR ${alias}.expires_at > now())`;

/** SQL: `user` (an expression or parameter) takes part in conversation `conversation` right now. */
export const takesPart = (conversation: string, user: string) =>
  `EXISTS (SELECT 1 FROM conversation_participants cp WHERE cp.conversation_id = ${conversation}
    AND cp.user_id = ${user} AND ${participantActive('cp')})`;

/**
 * Who may see a conversation: supervisors, touchpoint managers and admins all; agents those they own, those waiting
 * unowned in their teams' queues, and those they take part in (an accepted consult or a mention,
 * until the grace period ends). A colleague's conversation stays private to its owner and the people
 * pulled in, as with a team inbox in Front. The same rule guards REST, rooms, files and search.
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

  /** SQL condition (alias `c`) limiting conversations to what `user` may see, with its named parameters. */
  async visibilityFilter(
    user: AuthUser,
  ): Promise<{ where: string; params: Record<string, unknown> }> {
    if (SEES_ALL_ROLES.includes(user.role)) return { where: 'TRUE', params: {} };
    return {
      where: `(c.owner_id = :viewerId
              OR (c.owner_id IS NULL AND c.team_id IN (SELECT team_id FROM team_memberships WHERE user_id = :viewerId))
              OR ${takesPart('c.id', ':viewerId')})`,
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

  /**
   * The owner is the customer's one voice: others (but supervisors and admins) write notes, unless
   * the team they were consulted for lets accepted specialists answer directly. Anyone may answer an
   * unowned conversation: its first replier becomes its owner. A read-only role (the touchpoint
   * manager) answers nobody.
   */
  async mayReply(
    user: AuthUser,
    conversation: Pick<Conversation, 'id' | 'ownerId'>,
    manager: EntityManager = this.db.manager,
  ): Promise<boolean> {
    if (READ_ONLY_ROLES.includes(user.role)) return false;
    if (
      !conversation.ownerId ||
      conversation.ownerId === user.id ||
      OVERSEEING_ROLES.includes(user.role)
    )
      return true;
    const allowed: unknown[] = await manager.query(
      `SELECT 1 FROM conversation_participants p JOIN handoffs h ON h.id = p.handoff_id JOIN teams t ON t.id = h.team_id
       WHERE p.conversation_id = $1 AND p.user_id = $2 AND ${participantActive('p')}
         AND h.status = 'accepted' AND t.specialists_may_reply`,
      [conversation.id, user.id],
    );
    return allowed.length > 0;
  }

  /**
   * Who may try to claim: whoever may see it, and the members of its team even once a colleague
   * owns it. Of two queue members claiming at once, the loser must learn who won (409 naming the
   * owner), not get a bare 403 because the winner committed first.
   */
  async assertCanClaim(user: AuthUser, conversationId: string): Promise<void> {
    const [teamMember] = await this.db.query(
      `SELECT 1 FROM conversations c JOIN team_memberships m ON m.team_id = c.team_id
       WHERE c.id = $1 AND m.user_id = $2`,
      [conversationId, user.id],
    );
    if (!teamMember) await this.assertCanSee(user, conversationId);
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
