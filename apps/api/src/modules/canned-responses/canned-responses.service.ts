import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  OVERSEEING_ROLES,
  type CannedResponseDto,
  type CreateCannedResponseRequest,
  type UpdateCannedResponseRequest,
} from '@touchpoint/shared';
import { DataSource, QueryFailedError } from 'typeorm';
import type { AuthUser } from '../../core/auth/auth-user';
import { NotFoundException } from '../../core/errors/app.exception';
import { CannedResponse } from './canned-response.entity';
import { mayEdit, toCannedResponseDto } from './canned-response.mapper';
import {
  CannedResponseForbiddenException,
  CannedResponseShortcutTakenException,
  CannedResponseTeamException,
} from './canned-responses.exception';

const isUniqueViolation = (e: unknown) =>
  e instanceof QueryFailedError && (e.driverError as { code?: string }).code === '23505';

/**
 * Canned responses and who sees them: everyone their own personal ones; agents those of their
 * teams; supervisors and admins those of every team (they manage them). Never another's personal.
 */
@Injectable()
export class CannedResponsesService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** What `user` may insert, those in the user's language first, then by shortcut. */
  async list(user: AuthUser): Promise<CannedResponseDto[]> {
    const overseer = OVERSEEING_ROLES.includes(user.role);
    const rows = await this.db
      .getRepository(CannedResponse)
      .createQueryBuilder('r')
      .leftJoinAndSelect('r.team', 'team')
      .where(
        overseer
          ? '(r.owner_id = :userId OR r.team_id IS NOT NULL)'
          : `(r.owner_id = :userId OR r.team_id IN
              (SELECT team_id FROM team_memberships WHERE user_id = :userId))`,
        { userId: user.id },
      )
      .orderBy(`(r.language = (SELECT locale FROM users WHERE id = :userId))`, 'DESC')
      .addOrderBy('r.shortcut', 'ASC')
      .addOrderBy('r.language', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .getMany();
    return rows.map((r) => toCannedResponseDto(r, user));
  }

  async create(user: AuthUser, input: CreateCannedResponseRequest): Promise<CannedResponseDto> {
    const teamId = input.scope === 'team' ? (input.teamId ?? null) : null;
    if (teamId) {
      if (!OVERSEEING_ROLES.includes(user.role)) throw new CannedResponseForbiddenException();
      const [team] = await this.db.query('SELECT 1 FROM teams WHERE id = $1', [teamId]);
      if (!team) throw new CannedResponseTeamException(teamId);
    }
    const saved = await this.save(
      {
        teamId,
        ownerId: teamId ? null : user.id,
        shortcut: input.shortcut,
        title: input.title,
        body: input.body,
        language: input.language,
      },
      input,
    );
    return this.get(user, saved.id);
  }

  async get(user: AuthUser, id: string): Promise<CannedResponseDto> {
    return toCannedResponseDto(await this.visible(user, id), user);
  }

  async update(
    user: AuthUser,
    id: string,
    input: UpdateCannedResponseRequest,
  ): Promise<CannedResponseDto> {
    const current = await this.visible(user, id);
    if (!mayEdit(user, current)) throw new CannedResponseForbiddenException();
    const { team: _team, ...row } = current;
    await this.save({ ...row, ...input }, { ...row, ...input });
    return this.get(user, id);
  }

  async remove(user: AuthUser, id: string): Promise<void> {
    const current = await this.visible(user, id);
    if (!mayEdit(user, current)) throw new CannedResponseForbiddenException();
    await this.db.getRepository(CannedResponse).delete(id);
  }

  private async save(
    row: Partial<CannedResponse>,
    named: { shortcut?: string; language?: string },
  ): Promise<CannedResponse> {
    try {
      return await this.db.getRepository(CannedResponse).save(row);
    } catch (e) {
      if (isUniqueViolation(e))
        throw new CannedResponseShortcutTakenException(named.shortcut ?? '', named.language ?? '');
      throw e;
    }
  }

  /** The canned response if `user` may see it; 404 otherwise (another's personal one stays unknown). */
  private async visible(user: AuthUser, id: string): Promise<CannedResponse> {
    const found = await this.db
      .getRepository(CannedResponse)
      .findOne({ where: { id }, relations: { team: true } });
    if (found) {
      if (found.ownerId === user.id) return found;
      if (found.teamId && OVERSEEING_ROLES.includes(user.role)) return found;
      if (found.teamId) {
        const [member] = await this.db.query(
          'SELECT 1 FROM team_memberships WHERE team_id = $1 AND user_id = $2',
          [found.teamId, user.id],
        );
        if (member) return found;
      }
    }
    throw new NotFoundException('Canned response', id);
  }
}
