import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  SEES_ALL_ROLES,
  rooms,
  type SessionEndReason,
  type CreateUserRequest,
  type ChangePasswordRequest,
  type InviteUserRequest,
  type UpdateUserRequest,
  type UserDto,
} from '@touchpoint/shared';
import { DataSource, In, IsNull, type EntityManager } from 'typeorm';
import type { AuthUser } from '../../core/auth/auth-user';
import { hashPassword, verifyPassword } from '../../core/auth/password-hasher';
import { isUniqueViolation } from '../../core/database/unique-violation';
import { NotFoundException } from '../../core/errors/app.exception';
import { RealtimePublisher } from '../../core/realtime/realtime-publisher';
import { RefreshToken } from './refresh-token.entity';
import { Team, TeamMembership } from './team.entity';
import { toUserDto } from './user.mapper';
import { User } from './user.entity';
import { UserTokenRepository } from './user-token.repository';
import {
  LastAdminException,
  SelfDeactivationException,
  UnknownTeamsException,
  UserEmailTakenException,
  WrongCurrentPasswordException,
} from './users.exception';

type CreateUser = Required<Pick<CreateUserRequest, 'email' | 'name' | 'password'>> &
  CreateUserRequest;

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly realtime: RealtimePublisher,
    private readonly links: UserTokenRepository,
  ) {}

  async list(): Promise<UserDto[]> {
    const users = await this.db.getRepository(User).find({ order: { name: 'ASC' } });
    const teams = await this.teamsOf(
      this.db.manager,
      users.map((u) => u.id),
    );
    return users.map((u) => toUserDto(u, teams.get(u.id) ?? []));
  }

  async get(id: string, manager: EntityManager = this.db.manager): Promise<UserDto> {
    const user = await manager.getRepository(User).findOne({ where: { id } });
    if (!user) throw new NotFoundException('User', id);
    return toUserDto(user, (await this.teamsOf(manager, [id])).get(id) ?? []);
  }

  /** Turns the user's own weekly summary email on or off (who may: the route decides). */
  async setWeeklySummary(id: string, enabled: boolean): Promise<UserDto> {
    const { affected } = await this.db.getRepository(User).update(id, { weeklySummary: enabled });
    if (!affected) throw new NotFoundException('User', id);
    return this.get(id);
  }

  /** The teams of each user, by name. */
  private async teamsOf(
    m: EntityManager,
    userIds: string[],
  ): Promise<Map<string, UserDto['teams']>> {
    const rows: { user_id: string; id: string; name: string }[] = await m.query(
      `SELECT tm.user_id, t.id, t.name FROM team_memberships tm JOIN teams t ON t.id = tm.team_id
       WHERE tm.user_id = ANY($1::uuid[]) ORDER BY t.name`,
      [userIds],
    );
    const teams = new Map<string, UserDto['teams']>();
    for (const r of rows) {
      const list = teams.get(r.user_id) ?? [];
      list.push({ id: r.id, name: r.name });
      teams.set(r.user_id, list);
    }
    return teams;
  }

  async create(input: CreateUser): Promise<UserDto> {
    const passwordHash = await hashPassword(input.password);
    try {
      return await this.db.transaction(async (m) => {
        const user = await m.getRepository(User).save(
          m.getRepository(User).create({
            email: input.email,
            name: input.name,
            passwordHash,
            role: input.role ?? 'agent',
            locale: input.locale ?? 'de',
          }),
        );
        await this.replaceMemberships(m, user.id, input.teamIds ?? []);
        return this.get(user.id, m);
      });
    } catch (err) {
      if (isUniqueViolation(err, 'users_email_key')) throw new UserEmailTakenException(input.email);
      throw err;
    }
  }

  async update(id: string, input: UpdateUserRequest, actor: AuthUser): Promise<UserDto> {
    const passwordHash = input.password ? await hashPassword(input.password) : undefined;
    let formerTeams: string[] = [];
    let ended: SessionEndReason | undefined;
    const updated = await this.db.transaction(async (m) => {
      const users = m.getRepository(User);
      // Row lock: two admins demoting each other at once must not leave the workspace without one.
      const user = await users.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw new NotFoundException('User', id);
      if (input.active === false && id === actor.id) throw new SelfDeactivationException();

      const losesAdmin =
        user.role === 'admin' && ((input.role && input.role !== 'admin') || input.active === false);
      if (losesAdmin) await this.assertAnotherAdmin(m, id);
      formerTeams = (await m.getRepository(TeamMembership).find({ where: { userId: id } })).map(
        (t) => t.teamId,
      );

      await users.update(id, {
        ...(input.name !== undefined && { name: input.name }),
        ...(input.role !== undefined && { role: input.role }),
        ...(input.locale !== undefined && { locale: input.locale }),
        ...(input.active !== undefined && { active: input.active }),
        ...(input.capacity !== undefined && { maxOpen: input.capacity }),
        // A password set by an admin also completes a pending invitation.
        ...(passwordHash && { passwordHash, joinedAt: user.joinedAt ?? new Date() }),
      });
      if (input.teamIds) await this.replaceMemberships(m, id, input.teamIds);
      // Links handed out before must not override the admin's password or outlive the account.
      if (passwordHash || input.active === false) await this.links.endOpen(m, id);
      ended = sessionEndReason(user, input);
      // A new password or a deactivation ends every session of that user; after a role change the
      // refresh tokens stay, so the next refresh brings a token with the new role.
      if (ended) await this.endSessions(m, id, { revokeRefreshTokens: ended !== 'role_changed' });
      return this.get(id, m);
    });
    // Open sockets follow at once: ended sessions lose their sockets; otherwise rooms follow teams.
    if (ended) this.realtime.endSessions(id, ended);
    else {
      const teams = updated.teams.map((t) => t.id);
      const overseer = SEES_ALL_ROLES.includes(updated.role);
      this.realtime.moveUser(id, {
        leave: [
          ...formerTeams.filter((t) => !teams.includes(t)).map(rooms.team),
          ...(overseer ? [] : [rooms.supervisors()]),
        ],
        join: [...teams.map(rooms.team), ...(overseer ? [rooms.supervisors()] : [])],
      });
    }
    return updated;
  }

  /**
   * The user an invitation is for: a new user without a password, or the same pending invitee
   * again, with the details given now. Anyone else with that email is a 409. Returns the user's id.
   */
  async saveInvitee(m: EntityManager, input: InviteUserRequest): Promise<string> {
    const users = m.getRepository(User);
    const details = { name: input.name, role: input.role ?? 'agent', locale: input.locale ?? 'de' };
    const existing = await users.findOne({
      where: { email: input.email },
      lock: { mode: 'pessimistic_write' },
    });
    let id: string;
    if (existing) {
      if (!existing.active || existing.joinedAt) throw new UserEmailTakenException(input.email);
      await users.update(existing.id, details);
      id = existing.id;
    } else {
      const created = users.create({
        email: input.email,
        ...details,
        passwordHash: null,
        joinedAt: null,
      });
      id = (await users.save(created)).id;
    }
    await this.replaceMemberships(m, id, input.teamIds ?? []);
    return id;
  }

  /**
   * Ends every session of a user at once: access tokens signed before stop working (the session
   * version moves on), refresh tokens are revoked unless told otherwise. Call inside the
   * transaction of the change, and `RealtimePublisher.endSessions` after commit. Returns the new
   * session version, for tokens the caller issues in the same transaction.
   */
  async endSessions(
    m: EntityManager,
    userId: string,
    { revokeRefreshTokens }: { revokeRefreshTokens: boolean },
  ): Promise<number> {
    const bumped = await m
      .createQueryBuilder()
      .update(User)
      .set({ sessionVersion: () => 'session_version + 1' })
      .where('id = :id', { id: userId })
      .returning('session_version')
      .execute();
    const row = (bumped.raw as { session_version: number }[])[0];
    if (!row) throw new NotFoundException('User', userId);
    if (revokeRefreshTokens) {
      await m
        .getRepository(RefreshToken)
        .update({ userId, revokedAt: IsNull() }, { revokedAt: new Date() });
    }
    return row.session_version;
  }

  /**
   * The signed-in user's own password change: every session ends, and `continueSession` gives the
   * session it was made from new tokens in the same transaction. Throws when `currentPassword` is wrong.
   */
  async changeOwnPassword<T>(
    userId: string,
    { currentPassword, newPassword }: ChangePasswordRequest,
    continueSession: (m: EntityManager, sessionVersion: number) => Promise<T>,
  ): Promise<T> {
    const user = await this.db
      .getRepository(User)
      .findOne({ where: { id: userId }, select: { id: true, passwordHash: true } });
    if (!user || !(await verifyPassword(user.passwordHash ?? undefined, currentPassword))) {
      throw new WrongCurrentPasswordException();
    }
    const passwordHash = await hashPassword(newPassword);
    const result = await this.db.transaction(async (m) => {
      await m.getRepository(User).update(userId, { passwordHash });
      return continueSession(m, await this.endSessions(m, userId, { revokeRefreshTokens: true }));
    });
    this.realtime.endSessions(userId, 'password_changed');
    return result;
  }

  /** Signs the user out everywhere: every token and socket of theirs ends. */
  async signOutEverywhere(userId: string): Promise<void> {
    await this.db.transaction((m) => this.endSessions(m, userId, { revokeRefreshTokens: true }));
    this.realtime.endSessions(userId, 'signed_out_everywhere');
  }

  /** Users are deactivated, never deleted: their conversations and messages keep their author. */
  async deactivate(id: string, actor: AuthUser): Promise<void> {
    await this.update(id, { active: false }, actor);
  }

  private async assertAnotherAdmin(m: EntityManager, exceptId: string): Promise<void> {
    // Locks the other admins' rows so two concurrent demotions cannot both pass this check. An
    // invited admin who has not joined yet does not count: they may never accept.
    const admins = await m
      .getRepository(User)
      .createQueryBuilder('u')
      .select('u.id')
      .setLock('pessimistic_write')
      .where('u.role = :role AND u.active AND u.joined_at IS NOT NULL AND u.id <> :id', {
        role: 'admin',
        id: exceptId,
      })
      .getMany();
    if (admins.length === 0) throw new LastAdminException();
  }

  private async replaceMemberships(
    m: EntityManager,
    userId: string,
    teamIds: string[],
  ): Promise<void> {
    const unique = [...new Set(teamIds)];
    if (unique.length) {
      const found = await m
        .getRepository(Team)
        .find({ where: { id: In(unique) }, select: { id: true } });
      const missing = unique.filter((t) => !found.some((f) => f.id === t));
      if (missing.length) throw new UnknownTeamsException(missing);
    }
    // Rows that stay are kept, with their round-robin turn.
    await m.query(
      'DELETE FROM team_memberships WHERE user_id = $1 AND NOT (team_id = ANY($2::uuid[]))',
      [userId, unique],
    );
    await m.query(
      `INSERT INTO team_memberships (team_id, user_id) SELECT t, $1 FROM unnest($2::uuid[]) AS t
       ON CONFLICT (team_id, user_id) DO NOTHING`,
      [userId, unique],
    );
  }
}

/** Why an update ends the user's sessions, if it does (the strongest reason wins). */
function sessionEndReason(before: User, input: UpdateUserRequest): SessionEndReason | undefined {
  if (input.active === false) return 'deactivated';
  if (input.password) return 'password_changed';
  if (input.role !== undefined && input.role !== before.role) return 'role_changed';
  return undefined;
}
