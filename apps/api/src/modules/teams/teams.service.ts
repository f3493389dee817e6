import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CreateTeamRequest, TeamDto, UpdateTeamRequest } from '@touchpoint/shared';
import { DataSource, In, type EntityManager } from 'typeorm';
import { isUniqueViolation } from '../../core/database/unique-violation';
import { NotFoundException } from '../../core/errors/app.exception';
import { User } from '../users/user.entity';
import { TeamMembership } from './team-membership.entity';
import { toTeamDto } from './team.mapper';
import { Team } from './team.entity';
import { TeamNameTakenException, UnknownUsersException } from './teams.exception';

@Injectable()
export class TeamsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(): Promise<TeamDto[]> {
    const teams = await this.db.getRepository(Team).find({
      relations: { memberships: { user: true } },
      order: { name: 'ASC' },
    });
    return teams.map(toTeamDto);
  }

  async get(id: string, manager: EntityManager = this.db.manager): Promise<TeamDto> {
    const team = await manager
      .getRepository(Team)
      .findOne({ where: { id }, relations: { memberships: { user: true } } });
    if (!team) throw new NotFoundException('Team', id);
    return toTeamDto(team);
  }

  async create(input: CreateTeamRequest): Promise<TeamDto> {
    return this.writeNamed(input.name, async () => {
      const team = await this.db
        .getRepository(Team)
        .save({ ...input, description: input.description ?? '' });
      return this.get(team.id);
    });
  }

  async update(id: string, input: UpdateTeamRequest): Promise<TeamDto> {
    return this.writeNamed(input.name ?? '', async () => {
      const result = await this.db.getRepository(Team).update(id, input);
      if (!result.affected) throw new NotFoundException('Team', id);
      return this.get(id);
    });
  }

  async remove(id: string): Promise<void> {
    const result = await this.db.getRepository(Team).delete(id);
    if (!result.affected) throw new NotFoundException('Team', id);
  }

  /** Replaces the team's members with exactly `userIds`. */
  async setMembers(id: string, userIds: string[]): Promise<TeamDto> {
    return this.db.transaction(async (m) => {
      const team = await m
        .getRepository(Team)
        .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!team) throw new NotFoundException('Team', id);
      const unique = [...new Set(userIds)];
      if (unique.length) {
        const found = await m
          .getRepository(User)
          .find({ where: { id: In(unique) }, select: { id: true } });
        const missing = unique.filter((u) => !found.some((f) => f.id === u));
        if (missing.length) throw new UnknownUsersException(missing);
      }
      await m.getRepository(TeamMembership).delete({ teamId: id });
      if (unique.length)
        await m
          .getRepository(TeamMembership)
          .insert(unique.map((userId) => ({ teamId: id, userId })));
      return this.get(id, m);
    });
  }

  private async writeNamed<T>(name: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (err) {
      if (isUniqueViolation(err, 'teams_name_key')) throw new TeamNameTakenException(name);
      throw err;
    }
  }
}
