import { z } from 'zod';
import {
  CANNED_RESPONSE_LANGUAGES,
  CANNED_RESPONSE_VARIABLES,
  type CannedResponseLanguage,
  unknownCannedVariables,
} from '../canned-responses';
import { uuidSchema } from './common.schema';

export const CANNED_RESPONSE_SCOPES = ['team', 'personal'] as const;
export type CannedResponseScope = (typeof CANNED_RESPONSE_SCOPES)[number];

const shortcut = z
  .string({ message: 'is required' })
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, {
    message: 'must be 1 to 40 letters, digits, - or _ (no spaces), starting with a letter or digit',
  });
const title = z
  .string({ message: 'is required' })
  .trim()
  .min(1, { message: 'is required' })
  .max(120, { message: 'must be at most 120 characters' });
const body = z
  .string({ message: 'is required' })
  .trim()
  .min(1, { message: 'is required' })
  .max(5000, { message: 'must be at most 5000 characters' })
  .superRefine((text, ctx) => {
    const unknown = unknownCannedVariables(text);
    if (unknown.length)
      ctx.addIssue({
        code: 'custom',
        message: `has unknown variables ${unknown.map((v) => `{{${v}}}`).join(', ')}; known are ${CANNED_RESPONSE_VARIABLES.map((v) => `{{${v}}}`).join(', ')}`,
      });
  });
const language = z.enum(CANNED_RESPONSE_LANGUAGES, {
  message: `must be one of ${CANNED_RESPONSE_LANGUAGES.join(', ')}`,
});

/** `POST /api/canned-responses`: a team's (supervisors and admins) or the caller's own. */
export const createCannedResponseSchema = z
  .object({
    scope: z.enum(CANNED_RESPONSE_SCOPES, { message: 'must be team or personal' }),
    /** The team whose members see it; required for scope `team`. */
    teamId: uuidSchema.optional(),
    shortcut,
    title,
    body,
    language,
  })
  .strict()
  .refine((v) => v.scope !== 'team' || v.teamId !== undefined, {
    path: ['teamId'],
    message: 'is required for a team canned response',
  })
  .refine((v) => v.scope !== 'personal' || v.teamId === undefined, {
    path: ['teamId'],
    message: 'must not be set for a personal canned response',
  });
export type CreateCannedResponseRequest = z.input<typeof createCannedResponseSchema>;

export const updateCannedResponseSchema = z
  .object({ shortcut, title, body, language })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to update' });
export type UpdateCannedResponseRequest = z.input<typeof updateCannedResponseSchema>;

export interface CannedResponseDto {
  id: string;
  scope: CannedResponseScope;
  team: { id: string; name: string } | null;
  /** The owner of a personal one. */
  ownerId: string | null;
  shortcut: string;
  title: string;
  body: string;
  language: CannedResponseLanguage;
  /** Whether the caller may change or delete it. */
  editable: boolean;
  updatedAt: string;
}
