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
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import type { AuthUser } from '../../core/auth/auth-user';
import { NotFoundException } from '../../core/errors/app.exception';
import { AuditLog } from '../privacy/audit-log.service';
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

/** What the audit log keeps of a goal: its definition (names of teams and goals are no personal data). */
const auditDetails = (goal: GoalDefinition) => ({
  name: goal.name,
  kind: goal.kind,
  params: goal.params,
  target: goal.target,
});

/**
 * Shared goals between teams: everyone signed in sees each with its current value, trend and the
 * teams that hold it back; supervisors, touchpoint managers and admins set them, each change in the
 * audit log in its own transaction. Removing a goal archives it.
 */
@Injectable()
export class GoalsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly figures: GoalFiguresQuery,
    private readonly audit: AuditLog,
  ) {}

  /**
   * Oldest first; one statement per goal, and there are few. `now`: the end of the window and of the
   * trend's last week (the weekly summary asks as of the end of its week).
   */
  async list(now = new Date()): Promise<GoalDto[]> {
    const goals = await this.db
      .getRepository(SharedGoal)
      .find({ where: { archivedAt: IsNull() }, order: { createdAt: 'ASC', id: 'ASC' } });
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
    const id = await this.db.transaction(async (m) => {
      const goal = await m.getRepository(SharedGoal).save({
        name: input.name,
        kind: input.kind,
        params: { ...input.params },
        target: input.target,
        createdById: actor.id,
      });
      await this.audit.record(m, {
        actorId: actor.id,
        action: 'goal.created',
        subjectType: 'goal',
        subjectId: goal.id,
        details: auditDetails(input),
      });
      return goal.id;
    });
    return this.get(id);
  }

  async update(actor: AuthUser, id: string, input: UpdateGoalRequest): Promise<GoalDto> {
    await this.db.transaction(async (m) => {
      // Locked: two people changing one goal at once each see the other's change as "before".
      const goal = await this.live(id, m);
      // The kind stays; parameters and target are checked against it as a new goal's would be.
      const before = definitionOf(goal);
      const parsed = goalDefinitionSchema.safeParse({ ...before, ...input });
      if (!parsed.success) throw new ZodValidationException(parsed.error);
      await this.checkTeams(parsed.data);
      await m.getRepository(SharedGoal).save({
        ...goal,
        name: parsed.data.name,
        params: { ...parsed.data.params },
        target: parsed.data.target,
      });
      await this.audit.record(m, {
        actorId: actor.id,
        action: 'goal.changed',
        subjectType: 'goal',
        subjectId: id,
        details: { ...auditDetails(parsed.data), before: auditDetails(before) },
      });
    });
    return this.get(id);
  }

  async remove(actor: AuthUser, id: string): Promise<void> {
    await this.db.transaction(async (m) => {
      const goal = await this.live(id, m);
      await m.getRepository(SharedGoal).update(id, { archivedAt: new Date() });
      await this.audit.record(m, {
        actorId: actor.id,
        action: 'goal.removed',
        subjectType: 'goal',
        subjectId: id,
        details: auditDetails(definitionOf(goal)),
      });
    });
  }

  private async live(id: string, m?: EntityManager): Promise<SharedGoal> {
    const goal = await (m ?? this.db.manager).getRepository(SharedGoal).findOne({
      where: { id, archivedAt: IsNull() },
      ...(m ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
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
