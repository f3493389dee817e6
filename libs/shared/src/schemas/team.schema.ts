import { z } from 'zod';
import { NAME_MAX_LENGTH } from '../constants/limits';
import { uuidSchema } from './common.schema';
import { MARKETING_HOLD_POLICIES, type MarketingHoldPolicy } from './marketing.schema';

export const createTeamSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, { message: 'is required' })
      .max(NAME_MAX_LENGTH, { message: `must be at most ${NAME_MAX_LENGTH} characters` }),
    description: z
      .string()
      .trim()
      .max(500, { message: 'must be at most 500 characters' })
      .default(''),
  })
  .strict();
export type CreateTeamRequest = z.input<typeof createTeamSchema>;

/** The range of a consult acceptance target, on a team and in an SLA policy. */
export const CONSULT_ACCEPT_LIMITS = { min: 60, max: 7 * 24 * 3600 } as const;
/** The range of a consult answer target, on a team and in an SLA policy. */
export const CONSULT_ANSWER_LIMITS = { min: 60, max: 30 * 24 * 3600 } as const;

const seconds = (min: number, max: number) =>
  z
    .number({ message: 'must be a number of seconds' })
    .int({ message: 'must be a whole number of seconds' })
    .min(min, { message: `must be at least ${min} seconds` })
    .max(max, { message: `must be at most ${max} seconds` });

/** How a team works with consults and its queue; admins set it with `PATCH /api/teams/:id`. */
export const teamPolicySchema = z.object({
  /**
   * How soon a consult to this team must be accepted (reminder at half, escalation at the end), in
   * the team's business time. The team's default: an SLA policy may set its own for a channel
   * kind or priority.
   */
  consultAcceptSeconds: seconds(CONSULT_ACCEPT_LIMITS.min, CONSULT_ACCEPT_LIMITS.max),
  /** How soon an accepted consult must be answered, in business time; a policy may override it. */
  consultAnswerSeconds: seconds(CONSULT_ANSWER_LIMITS.min, CONSULT_ANSWER_LIMITS.max),
  /** How long a specialist keeps access after their consult ended. */
  participantGraceSeconds: seconds(0, 30 * 24 * 3600),
  /** Accepted specialists may answer the customer themselves (ownership stays). */
  specialistsMayReply: z.boolean({ message: 'must be true or false' }),
  /** Where an overdue consult is widened to; null for none. */
  fallbackTeamId: uuidSchema.nullable(),
  /** New conversations of the team go round-robin to online members under their capacity. */
  autoAssign: z.boolean({ message: 'must be true or false' }),
  /** Capacity per member for automatic assignment: open conversations they own. */
  maxOpenPerAgent: z
    .number({ message: 'must be a number' })
    .int({ message: 'must be a whole number' })
    .min(1, { message: 'must be at least 1' })
    .max(500, { message: 'must be at most 500' }),
  /** Which of the team's conversations put their contact on hold for marketing. */
  holdsMarketing: z.enum(MARKETING_HOLD_POLICIES, {
    message: `must be one of ${MARKETING_HOLD_POLICIES.join(', ')}`,
  }),
  /** The team "Mark as lead" sends leads to by default; setting it takes it from any other team. */
  receivesLeads: z.boolean({ message: 'must be true or false' }),
});

export const updateTeamSchema = createTeamSchema
  .partial()
  .extend(teamPolicySchema.partial().shape)
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to update' });
export type UpdateTeamRequest = z.input<typeof updateTeamSchema>;

export const teamMembersSchema = z.object({ userIds: z.array(uuidSchema).max(500) }).strict();
export type TeamMembersRequest = z.input<typeof teamMembersSchema>;

export interface TeamMemberDto {
  id: string;
  name: string;
  email: string;
  role: string;
}

export interface TeamDto {
  id: string;
  name: string;
  description: string;
  consultAcceptSeconds: number;
  consultAnswerSeconds: number;
  participantGraceSeconds: number;
  specialistsMayReply: boolean;
  fallbackTeamId: string | null;
  autoAssign: boolean;
  maxOpenPerAgent: number;
  /** Which of its conversations put their contact on hold for marketing. */
  holdsMarketing: MarketingHoldPolicy;
  receivesLeads: boolean;
  members: TeamMemberDto[];
  createdAt: string;
}

/** Who can be pulled in: every team and active user, for pickers (any signed-in user may read it). */
export interface DirectoryDto {
  /** `receivesLeads`: the team "Mark as lead" proposes. */
  teams: { id: string; name: string; receivesLeads: boolean }[];
  users: { id: string; name: string; role: string; teamIds: string[] }[];
}
