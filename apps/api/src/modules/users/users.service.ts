import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  OVERSEEING_ROLES,
  rooms,
  type CreateUserRequest,
  type UpdateUserRequest,
  type UserDto,
} from '@touchpoint/shared';
import { DataSource, In, IsNull, type EntityManager } from 'typeorm';
import type { AuthUser } from '../../core/auth/auth-user';
import { hashPassword } from '../../core/auth/password-hasher';
import { isUniqueViolation } from '../../core/database/unique-violation';
import { NotFoundException } from '../../core/errors/app.exception';
import { RealtimePublisher } from '../../core/realtime/realtime-publisher';
import { RefreshToken } from '../auth/refresh-token.entity';
import { TeamMembership } from '../teams/team-membership.entity';
import { Team } from '../teams/team.entity';
import { toUserDto } from './user.mapper';
import { User } from './user.entity';
import {
  LastAdminException,
  SelfDeactivationException,
  UnknownTeamsException,
  UserEmailTakenException,
} from './users.exception';

type CreateUser = Required<Pick<CreateUserRequest, 'email' | 'name' | 'password'>> &
  CreateUserRequest;

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly realtime: RealtimePublisher,
  ) {}

  async list(): Promise<UserDto[]> {
    const users = await this.db.getRepository(User).find({
      relations: { memberships: { team: true } },
      order: { name: 'ASC' },
    });
    return users.map(toUserDto);
  }

  async get(id: string, manager: EntityManager = this.db.manager): Promise<UserDto> {
    const user = await manager.getRepository(User).findOne({
      where: { id },
      relations: { memberships: { team: true } },
    });
    if (!user) throw new NotFoundException('User', id);
    return toUserDto(user);
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
        ...(passwordHash && { passwordHash }),
      });
      if (input.teamIds) await this.replaceMemberships(m, id, input.teamIds);
      // A new password or a deactivation ends every session of that user.
      if (passwordHash || input.active === false) await this.revokeSessions(m, id);
      return this.get(id, m);
    });
    // Open sockets follow at once: a deactivated user hears nothing more; rooms follow teams and role.
    if (!updated.active) this.realtime.disconnectUser(id);
    else {
      const teams = updated.teams.map((t) => t.id);
      const overseer = OVERSEEING_ROLES.includes(updated.role);
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

  /** Users are deactivated, never deleted: their conversations and messages keep their author. */
  async deactivate(id: string, actor: AuthUser): Promise<void> {
    await this.update(id, { active: false }, actor);
  }

  private async assertAnotherAdmin(m: EntityManager, exceptId: string): Promise<void> {
    // Locks the other admins' rows so two concurrent demotions cannot both pass this check.
    const admins = await m
      .getRepository(User)
      .createQueryBuilder('u')
      .select('u.id')
      .setLock('pessimistic_write')
      .where('u.role = :role AND u.active AND u.id <> :id', { role: 'admin', id: exceptId })
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

  private async revokeSessions(m: EntityManager, userId: string): Promise<void> {
    await m
      .getRepository(RefreshToken)
      .update({ userId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }
}
