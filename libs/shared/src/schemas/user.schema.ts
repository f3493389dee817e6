import { z } from 'zod';
import { LOCALES, ROLES, type Locale, type Role } from '../constants/roles';
import { NAME_MAX_LENGTH, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../constants/limits';
import { emailSchema, uuidSchema } from './common.schema';

export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, { message: `must be at least ${PASSWORD_MIN_LENGTH} characters` })
  .max(PASSWORD_MAX_LENGTH, { message: `must be at most ${PASSWORD_MAX_LENGTH} characters` });

const nameSchema = z
  .string()
  .trim()
  .min(1, { message: 'is required' })
  .max(NAME_MAX_LENGTH, { message: `must be at most ${NAME_MAX_LENGTH} characters` });

export const createUserSchema = z
  .object({
    email: emailSchema,
    name: nameSchema,
    password: passwordSchema,
    role: z.enum(ROLES, { message: `must be one of ${ROLES.join(', ')}` }).default('agent'),
    locale: z.enum(LOCALES, { message: `must be one of ${LOCALES.join(', ')}` }).default('de'),
    teamIds: z.array(uuidSchema).max(50).default([]),
  })
  .strict();
export type CreateUserRequest = z.input<typeof createUserSchema>;

export const updateUserSchema = z
  .object({
    name: nameSchema,
    password: passwordSchema,
    role: z.enum(ROLES, { message: `must be one of ${ROLES.join(', ')}` }),
    locale: z.enum(LOCALES, { message: `must be one of ${LOCALES.join(', ')}` }),
    teamIds: z.array(uuidSchema).max(50),
    active: z.boolean(),
  })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to update' });
export type UpdateUserRequest = z.input<typeof updateUserSchema>;

export interface TeamRefDto {
  id: string;
  name: string;
}

export interface UserDto {
  id: string;
  email: string;
  name: string;
  role: Role;
  locale: Locale;
  active: boolean;
  teams: TeamRefDto[];
  createdAt: string;
}

/** `POST /api/auth/password`: the signed-in user changes their own password. */
export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, { message: 'is required' }).max(PASSWORD_MAX_LENGTH),
    newPassword: passwordSchema,
  })
  .strict();
export type ChangePasswordRequest = z.infer<typeof changePasswordSchema>;
