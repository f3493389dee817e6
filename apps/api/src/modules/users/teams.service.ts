import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  rooms,
  type CreateTeamRequest,
  type TeamDto,
  type UpdateTeamRequest,
} from '@touchpoint/shared';
import { DataSource, In, type EntityManager } from 'typeorm';
import { isForeignKeyViolation, isUniqueViolation } from '../../core/database/unique-violation';
import { NotFoundException } from '../../core/errors/app.exception';
import { DomainEvents } from '../../core/events/domain-events';
import { RealtimePublisher } from '../../core/realtime/realtime-publisher';
import { User } from './user.entity';
import { Team, TeamMembership } from './team.entity';
import { toTeamDto } from './team.mapper';
import {
  FallbackTeamException,
  TeamNameTakenException,
  UnknownUsersException,
  TeamHasChannelsException,
} from './teams.exception';

@Injectable()
export class TeamsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly realtime: RealtimePublisher,
    private readonly events: DomainEvents,
  ) {}

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
    if (input.fallbackTeamId) {
      if (input.fallbackTeamId === id)
        throw new FallbackTeamException('fallbackTeamId: a team cannot be its own fallback');
      const exists = await this.db
        .getRepository(Team)
        .exists({ where: { id: input.fallbackTeamId } });
      if (!exists)
        throw new FallbackTeamException(`fallbackTeamId: no team with id ${input.fallbackTeamId}`);
    }
    return this.writeNamed(input.name ?? '', () =>
      this.events.transaction(async (m, batch) => {
        // One team receives leads: naming this one takes it from the other.
        if (input.receivesLeads)
          await m.query(
            'UPDATE teams SET receives_leads = false WHERE receives_leads AND id <> $1',
            [id],
          );
        const result = await m.getRepository(Team).update(id, input);
        if (!result.affected) throw new NotFoundException('Team', id);
        batch.add('team.updated', { teamId: id });
        return this.get(id, m);
      }),
    );
  }

  /**
   * Deletes a team; its conversations keep going without a team (the foreign key clears it), and
   * the SLA clocks its policies ran for them are announced to stop.
   */
  async remove(id: string): Promise<void> {
    await this.events
      .transaction(async (m, batch) => {
        const clocked: { conversation_id: string }[] = await m.query(
          `SELECT DISTINCT k.conversation_id FROM sla_clocks k
             JOIN conversations c ON c.id = k.conversation_id
            WHERE c.team_id = $1`,
          [id],
        );
        const result = await m.getRepository(Team).delete(id);
        if (!result.affected) throw new NotFoundException('Team', id);
        batch.add('team.deleted', {
          teamId: id,
          conversationIds: clocked.map((r) => r.conversation_id),
        });
      })
      .catch((err: unknown) => {
        if (isForeignKeyViolation(err, 'channels_team_fk')) throw new TeamHasChannelsException();
        throw err;
      });
  }

  /** Replaces the team's members with exactly `userIds`. */
  async setMembers(id: string, userIds: string[]): Promise<TeamDto> {
    let former: string[] = [];
    const team = await this.db.transaction(async (m) => {
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
      former = (await m.getRepository(TeamMembership).find({ where: { teamId: id } })).map(
        (t) => t.userId,
      );
      // Members who stay keep their row, and with it their round-robin turn.
      await m.query(
        'DELETE FROM team_memberships WHERE team_id = $1 AND NOT (user_id = ANY($2::uuid[]))',
        [id, unique],
      );
      await m.query(
        `INSERT INTO team_memberships (team_id, user_id) SELECT $1, u FROM unnest($2::uuid[]) AS u
         ON CONFLICT (team_id, user_id) DO NOTHING`,
        [id, unique],
      );
      return this.get(id, m);
    });
    const now = team.members.map((u) => u.id);
    for (const userId of former.filter((u) => !now.includes(u)))
      this.realtime.moveUser(userId, { leave: [rooms.team(id)], join: [] });
    for (const userId of now.filter((u) => !former.includes(u)))
      this.realtime.moveUser(userId, { leave: [], join: [rooms.team(id)] });
    return team;
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
