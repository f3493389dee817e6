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
    /** The most open conversations automatic assignment gives them; null: their teams' setting. */
    capacity: z
      .number({ message: 'must be a number' })
      .int({ message: 'must be a whole number' })
      .min(1, { message: 'must be at least 1' })
      .max(500, { message: 'must be at most 500' })
      .nullable(),
  })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to update' });
export type UpdateUserRequest = z.input<typeof updateUserSchema>;

/**
 * `POST /api/users/invitations`: a new user as for `createUserSchema`, without a password (the
 * invitee chooses it).
 */
export const inviteUserSchema = createUserSchema.omit({ password: true });
export type InviteUserRequest = z.input<typeof inviteUserSchema>;

/** What a one-time link lets its holder do: accept an invitation, or set a new password. */
export const USER_LINK_PURPOSES = ['invite', 'password_reset'] as const;
export type UserLinkPurpose = (typeof USER_LINK_PURPOSES)[number];

/** `POST /api/invitations/:token`: the password the invitee (or the user after a reset) chooses. */
export const redeemLinkSchema = z.object({ password: passwordSchema }).strict();
export type RedeemLinkRequest = z.infer<typeof redeemLinkSchema>;

/**
 * Where an account stands: `invited` until the invitee has chosen a password, `deactivated` by an
 * admin (history keeps the user), `active` otherwise.
 */
export const USER_STATUSES = ['active', 'invited', 'deactivated'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

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
  /** Invited: has not chosen a password through their link yet. */
  status: UserStatus;
  /** The last sign-in (or accepted link); null before the first. */
  lastLoginAt: string | null;
  /** Their own capacity for automatic assignment; null: their teams' `maxOpenPerAgent`. */
  capacity: number | null;
  /** Gets the weekly summary email (Mondays; supervisors, touchpoint managers and admins only). */
  weeklySummary: boolean;
}

/** `PUT /api/me/weekly-summary`: the signed-in user's weekly summary email on or off. */
export const weeklySummarySettingSchema = z
  .object({ enabled: z.boolean({ message: 'must be true or false' }) })
  .strict();
export type WeeklySummarySetting = z.infer<typeof weeklySummarySettingSchema>;

/**
 * A one-time link for a colleague, shown once to the admin who asked for it (only its hash is
 * stored): `<PUBLIC_URL>/invite/<token>`.
 */
export interface UserLinkDto {
  user: UserDto;
  purpose: UserLinkPurpose;
  url: string;
  expiresAt: string;
}

/** `GET /api/invitations/:token`: what the page shows before the password is chosen. */
export interface UserLinkInfoDto {
  name: string;
  email: string;
  purpose: UserLinkPurpose;
  expiresAt: string;
}

/** `POST /api/auth/password`: the signed-in user changes their own password. */
export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, { message: 'is required' }).max(PASSWORD_MAX_LENGTH),
    newPassword: passwordSchema,
  })
  .strict();
export type ChangePasswordRequest = z.infer<typeof changePasswordSchema>;
