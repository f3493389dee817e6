import { z } from 'zod';
import { uuidSchema, wholeNumberSchema } from './common.schema';

/**
 * Shared goals: targets the teams agree on, each a figure of the reports (or the satisfaction
 * results) measured over the last 30 days. `GET /api/goals` for everyone signed in; supervisors and admins change them.
 */
export const GOAL_KINDS = [
  /** Share of consults from one team to another accepted within N minutes of the asked team's business time. */
  'consult_accept_within',
  /** Share of resolved conversations resolved with one reply and not reopened (the reports' one-touch). */
  'one_touch_rate',
  /** Share of conversations answered within N minutes of their team's business time. */
  'first_response_within',
  /** Mean rating (1–5) of the satisfaction surveys sent, as the satisfaction results count it. */
  'csat_average',
] as const;
export type GoalKind = (typeof GOAL_KINDS)[number];

export const GOAL_NAME_MAX_LENGTH = 200;
/** At most a week of business minutes. */
export const GOAL_MINUTES_MAX = 10_080;
/** Days the current value of a goal covers. */
export const GOAL_WINDOW_DAYS = 30;
/** Weeks of a goal's trend, oldest first. */
export const GOAL_TREND_WEEKS = 8;

/** Whether a goal holds when its value is at least (`at_least`) or at most its target. */
export type GoalDirection = 'at_least' | 'at_most';
export const GOAL_DIRECTIONS: Readonly<Record<GoalKind, GoalDirection>> = {
  consult_accept_within: 'at_least',
  one_touch_rate: 'at_least',
  first_response_within: 'at_least',
  csat_average: 'at_least',
};

const name = z
  .string({ message: 'is required' })
  .trim()
  .min(1, { message: 'is required' })
  .max(GOAL_NAME_MAX_LENGTH, { message: `must be at most ${GOAL_NAME_MAX_LENGTH} characters` });
const minutes = wholeNumberSchema(1, GOAL_MINUTES_MAX);
/** A share: more than 0, at most 1 (0.9 is 90 %). */
const share = z
  .number({ message: 'must be a share from 0 to 1, such as 0.9' })
  .gt(0, { message: 'must be a share from 0 to 1, such as 0.9' })
  .max(1, { message: 'must be a share from 0 to 1, such as 0.9' });
/** A mean rating from 1 to 5. */
const rating = z
  .number({ message: 'must be a rating from 1 to 5, such as 4.5' })
  .min(1, { message: 'must be a rating from 1 to 5, such as 4.5' })
  .max(5, { message: 'must be a rating from 1 to 5, such as 4.5' });
/** Null or left out: every team. */
const team = uuidSchema.nullable().default(null);

export const consultAcceptParamsSchema = z
  .object({ fromTeamId: team, toTeamId: team, minutes })
  .strict();
export const oneTouchParamsSchema = z.object({ teamId: team }).strict();
export const firstResponseParamsSchema = z.object({ teamId: team, minutes }).strict();
export const csatParamsSchema = z.object({ teamId: team }).strict();

/** `POST /api/goals`; also what a `PATCH` must leave behind. */
export const goalDefinitionSchema = z.discriminatedUnion(
  'kind',
  [
    z
      .object({
        name,
        kind: z.literal('consult_accept_within'),
        params: consultAcceptParamsSchema,
        target: share,
      })
      .strict(),
    z
      .object({
        name,
        kind: z.literal('one_touch_rate'),
        params: oneTouchParamsSchema.default({ teamId: null }),
        target: share,
      })
      .strict(),
    z
      .object({
        name,
        kind: z.literal('first_response_within'),
        params: firstResponseParamsSchema,
        target: share,
      })
      .strict(),
    z
      .object({
        name,
        kind: z.literal('csat_average'),
        params: csatParamsSchema.default({ teamId: null }),
        target: rating,
      })
      .strict(),
  ],
  { message: `must be one of ${GOAL_KINDS.join(', ')}` },
);
export type GoalDefinition = z.output<typeof goalDefinitionSchema>;
export type CreateGoalRequest = z.input<typeof goalDefinitionSchema>;

/** A goal's definition as one object (what a request body must be), checked as `goalDefinitionSchema`. */
export const createGoalSchema = z
  .object({
    // Checked below, each with the message of the kind's own schema.
    name: z.unknown().optional(),
    kind: z.enum(GOAL_KINDS, { message: `must be one of ${GOAL_KINDS.join(', ')}` }),
    params: z.unknown().optional(),
    target: z.unknown().optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    const parsed = goalDefinitionSchema.safeParse(value);
    if (parsed.success) return;
    for (const issue of parsed.error.issues)
      ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  });

/**
 * `PATCH /api/goals/:id`: the name, the target or the parameters (given whole); the kind stays.
 * The result is checked as a whole against the goal's kind.
 */
export const updateGoalSchema = z
  .object({
    name,
    params: z.record(z.string(), z.unknown(), { message: 'must be an object' }),
    target: z.number({ message: 'must be a number' }),
  })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to update' });
export type UpdateGoalRequest = z.input<typeof updateGoalSchema>;

export interface GoalTeamRefDto {
  id: string;
  name: string;
}

/** A value and the number of consults or conversations it was counted from. */
export interface GoalFigureDto {
  /** Null when there was nothing to count. */
  value: number | null;
  count: number;
}

export interface GoalTrendPointDto extends GoalFigureDto {
  /** The week is the 7 days from this instant. */
  weekStart: string;
}

/**
 * Who holds a goal back: per team pair for a consult goal that does not fix both teams, per team
 * otherwise; worst first. A null team: a conversation without one, or a deleted team.
 */
export interface GoalBreakdownDto extends GoalFigureDto {
  fromTeam: GoalTeamRefDto | null;
  /** Consult goals only: the team asked. */
  toTeam: GoalTeamRefDto | null;
  holds: boolean;
}

export interface GoalDto {
  id: string;
  name: string;
  kind: GoalKind;
  params: GoalDefinition['params'];
  target: number;
  direction: GoalDirection;
  /** The last `GOAL_WINDOW_DAYS` days. */
  current: GoalFigureDto;
  /** Null while there is nothing to count. */
  holds: boolean | null;
  /** `GOAL_TREND_WEEKS` weeks, oldest first, the last ending now. */
  trend: GoalTrendPointDto[];
  breakdown: GoalBreakdownDto[];
  createdAt: string;
  updatedAt: string;
}
