import type { TFunction } from 'i18next';
import {
  changePasswordSchema,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  type ChangePasswordRequest,
} from '@touchpoint/shared';
import { ApiError } from '../../api/http';

export type PasswordField = 'currentPassword' | 'newPassword' | 'repeatPassword';
export type PasswordFieldErrors = Partial<Record<PasswordField, string>>;

export interface PasswordFormValues {
  currentPassword: string;
  newPassword: string;
  repeatPassword: string;
}

export type PasswordValidation =
  { ok: true; value: ChangePasswordRequest } | { ok: false; errors: PasswordFieldErrors };

/** The order the fields appear in: the first invalid one gets the focus. */
export const PASSWORD_FIELDS: readonly PasswordField[] = [
  'currentPassword',
  'newPassword',
  'repeatPassword',
];

/** The API's code for a current password that is not the user's. */
const WRONG_CURRENT_PASSWORD = 'users.wrong_password';

function fieldMessage(field: PasswordField, raw: string, t: TFunction): string {
  if (field === 'currentPassword') {
    return raw === ''
      ? t('account.password.validation.currentRequired')
      : t('account.password.validation.currentTooLong', { count: PASSWORD_MAX_LENGTH });
  }
  if (field === 'repeatPassword') return t('account.password.validation.repeatMismatch');
  return raw.length < PASSWORD_MIN_LENGTH
    ? t('account.password.validation.newTooShort', { count: PASSWORD_MIN_LENGTH })
    : t('account.password.validation.newTooLong', { count: PASSWORD_MAX_LENGTH });
}

function isSchemaField(value: unknown): value is 'currentPassword' | 'newPassword' {
  return value === 'currentPassword' || value === 'newPassword';
}

/** Checks the form with the API's own schema (so both sides agree) and that the repeat matches. */
export function validatePasswordForm(raw: PasswordFormValues, t: TFunction): PasswordValidation {
  const errors: PasswordFieldErrors = {};
  const parsed = changePasswordSchema.safeParse({
    currentPassword: raw.currentPassword,
    newPassword: raw.newPassword,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if (isSchemaField(field) && !errors[field])
        errors[field] = fieldMessage(field, raw[field], t);
    }
  }
  if (!errors.newPassword && raw.repeatPassword !== raw.newPassword) {
    errors.repeatPassword = fieldMessage('repeatPassword', raw.repeatPassword, t);
  }
  if (parsed.success && Object.keys(errors).length === 0) return { ok: true, value: parsed.data };
  return { ok: false, errors };
}

/** Field problems the API reported: a wrong current password, or fields its schema refused. */
export function passwordFieldErrorsFromApi(
  error: unknown,
  raw: ChangePasswordRequest,
  t: TFunction,
): PasswordFieldErrors {
  if (!(error instanceof ApiError) || error.status !== 400) return {};
  if (error.code === WRONG_CURRENT_PASSWORD) {
    return { currentPassword: t('account.password.errors.wrongCurrent') };
  }
  const errors: PasswordFieldErrors = {};
  for (const detail of error.details) {
    const field = detail.path.split('.')[0];
    if (isSchemaField(field) && !errors[field]) errors[field] = fieldMessage(field, raw[field], t);
  }
  return errors;
}

/** The sentence above the form for a failure no field explains; undefined when one does. */
export function passwordErrorMessage(error: unknown, t: TFunction): string | undefined {
  if (!(error instanceof ApiError)) return t('login.errors.unexpected');
  if (error.isUnreachable) return t('login.errors.unreachable');
  if (error.status === 400) {
    return error.code === WRONG_CURRENT_PASSWORD || error.details.length > 0
      ? undefined
      : t('login.errors.invalidInput');
  }
  if (error.status === 401) return t('login.sessionEnded.token_expired');
  if (error.status === 429) {
    if (error.retryAfterSeconds === undefined) return t('login.errors.tooManyAttemptsLater');
    return error.retryAfterSeconds < 60
      ? t('login.errors.tooManyAttempts', { count: error.retryAfterSeconds })
      : t('login.errors.tooManyAttemptsMinutes', {
          count: Math.ceil(error.retryAfterSeconds / 60),
        });
  }
  return t('login.errors.unexpected');
}
