import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  GOAL_DIRECTIONS,
  goalDefinitionSchema,
  type GoalDefinition,
  type GoalDto,
  type UpdateGoalRequest,
} from '@touchpoint/shared';
import { ZodValidationException } from 'nestjs-zod';
import { DataSource, IsNull } from 'typeorm';
import type { AuthUser } from '../../core/auth/auth-user';
import { NotFoundException } from '../../core/errors/app.exception';
import { GoalFiguresQuery, type GoalFigures } from './goal-figures.query';
import { UnknownGoalTeamException } from './goals.exception';
import { SharedGoal } from './shared-goal.entity';

const definitionOf = (goal: SharedGoal): GoalDefinition =>
  ({
    name: goal.name,
    kind: goal.kind,
    params: goal.params,
    target: goal.target,
  }) as GoalDefinition;

const toGoalDto = (goal: SharedGoal, figures: GoalFigures): GoalDto => ({
  id: goal.id,
  name: goal.name,
  kind: goal.kind,
  params: definitionOf(goal).params,
  target: goal.target,
  direction: GOAL_DIRECTIONS[goal.kind],
  ...figures,
  createdAt: goal.createdAt.toISOString(),
  updatedAt: goal.updatedAt.toISOString(),
});

/**
 * Shared goals between teams: everyone signed in sees each with its current value, trend and the
 * teams that hold it back; supervisors and admins set them. Removing a goal archives it.
 */
@Injectable()
export class GoalsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly figures: GoalFiguresQuery,
  ) {}

  /** Oldest first; one statement per goal, and there are few. */
  async list(): Promise<GoalDto[]> {
    const goals = await this.db
      .getRepository(SharedGoal)
      .find({ where: { archivedAt: IsNull() }, order: { createdAt: 'ASC', id: 'ASC' } });
    const now = new Date();
    return Promise.all(
      goals.map(async (g) => toGoalDto(g, await this.figures.figures(definitionOf(g), now))),
    );
  }

  async get(id: string): Promise<GoalDto> {
    const goal = await this.live(id);
    return toGoalDto(goal, await this.figures.figures(definitionOf(goal), new Date()));
  }

  /** `body` passed `createGoalSchema`, which checks it as `goalDefinitionSchema`. */
  async create(actor: AuthUser, body: unknown): Promise<GoalDto> {
    const input = goalDefinitionSchema.parse(body);
    await this.checkTeams(input);
    const goal = await this.db.getRepository(SharedGoal).save({
      name: input.name,
      kind: input.kind,
      params: { ...input.params },
      target: input.target,
      createdById: actor.id,
    });
    return this.get(goal.id);
  }

  async update(id: string, input: UpdateGoalRequest): Promise<GoalDto> {
    const goal = await this.live(id);
    // The kind stays; parameters and target are checked against it as a new goal's would be.
    const parsed = goalDefinitionSchema.safeParse({ ...definitionOf(goal), ...input });
    if (!parsed.success) throw new ZodValidationException(parsed.error);
    await this.checkTeams(parsed.data);
    await this.db.getRepository(SharedGoal).save({
      ...goal,
      name: parsed.data.name,
      params: { ...parsed.data.params },
      target: parsed.data.target,
    });
    return this.get(id);
  }

  async remove(id: string): Promise<void> {
    await this.live(id);
    await this.db.getRepository(SharedGoal).update(id, { archivedAt: new Date() });
  }

  private async live(id: string): Promise<SharedGoal> {
    const goal = await this.db.getRepository(SharedGoal).findOneBy({ id, archivedAt: IsNull() });
    if (!goal) throw new NotFoundException('Goal', id);
    return goal;
  }

  private async checkTeams(goal: GoalDefinition): Promise<void> {
    const named = Object.entries(goal.params).filter(
      (entry): entry is [string, string] => entry[0].endsWith('TeamId') || entry[0] === 'teamId',
    );
    const ids = named.map(([, id]) => id).filter((id) => id !== null);
    if (!ids.length) return;
    const found: { id: string }[] = await this.db.query(
      'SELECT id FROM teams WHERE id = ANY($1::uuid[])',
      [ids],
    );
    const known = new Set(found.map((t) => t.id));
    const unknown = named.find(([, id]) => id !== null && !known.has(id));
    if (unknown) throw new UnknownGoalTeamException(unknown[0], unknown[1]);
  }
}
