import type { TFunction } from 'i18next';
import {
  inviteUserSchema,
  NAME_MAX_LENGTH,
  type InviteUserRequest,
  type Locale,
  type Role,
} from '@touchpoint/shared';
import type { ApiError } from '../../../api/http';

/** The invitation as the admin fills it in; named as in the API, so server errors find their field. */
export interface InviteDraft {
  name: string;
  email: string;
  role: Role;
  locale: Locale;
  teamIds: string[];
}

export type UserField = keyof InviteDraft;

/** The fields in the order the forms show them (the first invalid one gets the focus). */
export const USER_FIELDS: readonly UserField[] = ['name', 'email', 'role', 'locale', 'teamIds'];

export type UserFieldErrors = Partial<Record<UserField, string>>;

export function isUserField(value: unknown): value is UserField {
  return typeof value === 'string' && (USER_FIELDS as readonly string[]).includes(value);
}

/** A new colleague: an agent, speaking the admin's language until told otherwise. */
export function emptyInvite(locale: Locale): InviteDraft {
  return { name: '', email: '', role: 'agent', locale, teamIds: [] };
}

export type InviteValidation =
  { ok: true; value: InviteUserRequest } | { ok: false; errors: UserFieldErrors };

/** Checks the form with the contract's schema (`inviteUserSchema`): one message per field. */
export function validateInvite(draft: InviteDraft, t: TFunction): InviteValidation {
  const parsed = inviteUserSchema.safeParse(draft);
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors: UserFieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (!isUserField(field) || errors[field]) continue;
    if (field === 'email') errors.email = t('settings.users.validation.email');
    else if (field === 'name')
      errors.name =
        issue.code === 'too_big'
          ? t('settings.validation.tooLong', { max: NAME_MAX_LENGTH })
          : t('settings.validation.required');
    else errors[field] = issue.message;
  }
  return { ok: false, errors };
}

export interface UserServerErrors {
  /** Messages the server gave for one field, shown at that field. */
  fields: UserFieldErrors;
  /** Messages for no known field, shown above the buttons. */
  other: string[];
}

/**
 * The server's complaints by field: a taken email (409), the schema's `details` (400), and rules
 * only the server knows, which come as "field: message" (a team that no longer exists).
 */
export function userServerErrors(error: ApiError, t: TFunction): UserServerErrors {
  const fields: UserFieldErrors = {};
  const other: string[] = [];
  if (error.status === 409 && error.code === 'users.email_taken') {
    fields.email = t('settings.users.validation.emailTaken');
    return { fields, other };
  }
  if (error.status !== 400) return { fields, other };
  if (error.code === 'users.unknown_teams') {
    fields.teamIds = t('settings.users.validation.unknownTeams');
    return { fields, other };
  }
  for (const detail of error.details) {
    const field = detail.path.split('.')[0];
    if (isUserField(field)) fields[field] ??= detail.message;
    else other.push(detail.path ? `${detail.path} ${detail.message}` : detail.message);
  }
  if (error.details.length === 0) {
    const [, field, message] = /^(\w+): (.+)$/.exec(error.message) ?? [];
    if (isUserField(field) && message) fields[field] = message;
    else other.push(error.message);
  }
  return { fields, other };
}
