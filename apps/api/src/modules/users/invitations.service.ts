import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  InviteUserRequest,
  UserLinkDto,
  UserLinkInfoDto,
  UserLinkPurpose,
} from '@touchpoint/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import type { AuthUser } from '../../core/auth/auth-user';
import { hashPassword } from '../../core/auth/password-hasher';
import { isUniqueViolation } from '../../core/database/unique-violation';
import { NotFoundException } from '../../core/errors/app.exception';
import { RealtimePublisher } from '../../core/realtime/realtime-publisher';
import {
  ExpiredLinkException,
  UnknownLinkException,
  UsedLinkException,
} from './invitations.exception';
import { User } from './user.entity';
import { UserTokenRepository, type StoredLink } from './user-token.repository';
import {
  AlreadyJoinedException,
  InvitationPendingException,
  SelfPasswordResetException,
  UserDeactivatedException,
  UserEmailTakenException,
} from './users.exception';
import { UsersService } from './users.service';

/** How long an invitation link works. */
export const INVITATION_TTL_SECONDS = 7 * 24 * 3600;
/** How long a password reset link works. */
export const PASSWORD_RESET_TTL_SECONDS = 24 * 3600;

const TTL_SECONDS: Record<UserLinkPurpose, number> = {
  invite: INVITATION_TTL_SECONDS,
  password_reset: PASSWORD_RESET_TTL_SECONDS,
};

/**
 * Admins set up colleagues with one-time links (`<PUBLIC_URL>/invite/<token>`) instead of choosing
 * passwords for them: an invitation for a new colleague, a password reset for one who has joined.
 * Only the newest link of a user works, and a link works once.
 */
@Injectable()
export class InvitationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly users: UsersService,
    private readonly links: UserTokenRepository,
    private readonly realtime: RealtimePublisher,
  ) {}

  /** Creates the user without a password, or invites a pending invitee again (a fresh link). */
  async invite(input: InviteUserRequest, actor: AuthUser): Promise<UserLinkDto> {
    try {
      return await this.db.transaction(async (m) => {
        const id = await this.users.saveInvitee(m, input);
        return this.issue(m, id, 'invite', actor);
      });
    } catch (err) {
      // Two admins inviting the same new email at once: the second finds it taken.
      if (isUniqueViolation(err, 'users_email_key')) throw new UserEmailTakenException(input.email);
      throw err;
    }
  }

  /** A fresh invitation link for an invitee who has not accepted; older links stop working. */
  resendInvitation(id: string, actor: AuthUser): Promise<UserLinkDto> {
    return this.db.transaction(async (m) => {
      const user = await this.lockUser(m, id);
      if (!user.active) throw new UserDeactivatedException(user.name);
      if (user.joinedAt) throw new AlreadyJoinedException(user.name);
      return this.issue(m, id, 'invite', actor);
    });
  }

  /**
   * The old password stops working and every session of the user ends at once; the link lets
   * them choose a new password.
   */
  async resetPassword(id: string, actor: AuthUser): Promise<UserLinkDto> {
    if (id === actor.id) throw new SelfPasswordResetException();
    const link = await this.db.transaction(async (m) => {
      const user = await this.lockUser(m, id);
      if (!user.active) throw new UserDeactivatedException(user.name);
      if (!user.joinedAt) throw new InvitationPendingException(user.name);
      await m.getRepository(User).update(id, { passwordHash: null });
      await this.users.endSessions(m, id, { revokeRefreshTokens: true });
      return this.issue(m, id, 'password_reset', actor);
    });
    this.realtime.endSessions(id, 'password_changed');
    return link;
  }

  /** What the link's page shows; throws when the link does not work. */
  async describe(token: string): Promise<UserLinkInfoDto> {
    const link = await this.usable(this.db.manager, token);
    return {
      name: link.name,
      email: link.email,
      purpose: link.purpose,
      expiresAt: link.expiresAt.toISOString(),
    };
  }

  /**
   * Sets the password the link allows, uses the link up and lets an invitee in; `continueSession`
   * signs the user in within the same transaction (given the user's session version).
   */
  async redeem<T>(
    token: string,
    password: string,
    continueSession: (m: EntityManager, userId: string, sessionVersion: number) => Promise<T>,
  ): Promise<T> {
    // Checked first so that a link that does not work costs no password hashing.
    await this.usable(this.db.manager, token);
    const passwordHash = await hashPassword(password);
    return this.db.transaction(async (m) => {
      const used = await this.links.consume(m, token);
      if (!used) {
        // Used, expired or deactivated since the first check (another tab was faster): say which.
        await this.usable(m, token);
        throw new UsedLinkException();
      }
      const updated = await m
        .createQueryBuilder()
        .update(User)
        .set({
          passwordHash,
          joinedAt: () => 'coalesce(joined_at, now())',
          lastLoginAt: () => 'now()',
        })
        .where('id = :id', { id: used.userId })
        .returning('session_version')
        .execute();
      const { session_version } = (updated.raw as { session_version: number }[])[0];
      await this.links.endOpen(m, used.userId);
      return continueSession(m, used.userId, session_version);
    });
  }

  private async issue(
    m: EntityManager,
    userId: string,
    purpose: UserLinkPurpose,
    actor: AuthUser,
  ): Promise<UserLinkDto> {
    await this.links.endOpen(m, userId);
    const { token, expiresAt } = await this.links.create(m, {
      userId,
      purpose,
      ttlSeconds: TTL_SECONDS[purpose],
      createdBy: actor.id,
    });
    return {
      user: await this.users.get(userId, m),
      purpose,
      url: `${this.config.http.publicUrl}/invite/${token}`,
      expiresAt: expiresAt.toISOString(),
    };
  }

  /** The link of `token`, if it still works; otherwise throws why not. */
  private async usable(m: EntityManager, token: string): Promise<StoredLink> {
    const link = await this.links.find(m, token);
    if (!link) throw new UnknownLinkException();
    if (link.usedAt) throw new UsedLinkException();
    // A deactivated account's link reads as expired: the holder learns nothing about the account.
    if (!link.open || !link.userActive) throw new ExpiredLinkException();
    return link;
  }

  private async lockUser(m: EntityManager, id: string): Promise<User> {
    const user = await m
      .getRepository(User)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!user) throw new NotFoundException('User', id);
    return user;
  }
}
