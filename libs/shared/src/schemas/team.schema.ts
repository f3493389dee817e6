import { z } from 'zod';
import { NAME_MAX_LENGTH } from '../constants/limits';
import { uuidSchema } from './common.schema';

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

export const updateTeamSchema = createTeamSchema
  .partial()
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
  members: TeamMemberDto[];
  createdAt: string;
}

/** Who can be pulled in: every team and active user, for pickers (any signed-in user may read it). */
export interface DirectoryDto {
  teams: { id: string; name: string }[];
  users: { id: string; name: string; role: string; teamIds: string[] }[];
}
