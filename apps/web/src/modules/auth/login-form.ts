import type { TFunction } from 'i18next';
import { loginRequestSchema, type LoginRequest } from '@touchpoint/shared';
import { ApiError } from '../../api/http';

export type LoginField = 'email' | 'password';
export type LoginFieldErrors = Partial<Record<LoginField, string>>;

export type LoginValidation =
  { ok: true; value: LoginRequest } | { ok: false; errors: LoginFieldErrors };

function fieldMessage(field: LoginField, raw: string, t: TFunction): string {
  if (field === 'password') return t('login.validation.passwordRequired');
  return raw.trim() === ''
    ? t('login.validation.emailRequired')
    : t('login.validation.emailInvalid');
}

function isLoginField(value: unknown): value is LoginField {
  return value === 'email' || value === 'password';
}

/** Checks the form with the API's own schema, so both sides agree on what is valid. */
export function validateLogin(
  raw: { email: string; password: string },
  t: TFunction,
): LoginValidation {
  const parsed = loginRequestSchema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors: LoginFieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (isLoginField(field) && !errors[field]) errors[field] = fieldMessage(field, raw[field], t);
  }
  return { ok: false, errors };
}

/** Field problems the API reported (400 with `details`). */
export function fieldErrorsFromApi(
  error: unknown,
  raw: { email: string; password: string },
  t: TFunction,
): LoginFieldErrors {
  if (!(error instanceof ApiError) || error.status !== 400) return {};
  const errors: LoginFieldErrors = {};
  for (const detail of error.details) {
    const field = detail.path.split('.')[0];
    if (isLoginField(field) && !errors[field]) errors[field] = fieldMessage(field, raw[field], t);
  }
  return errors;
}

/** The sentence the login page shows for a failed sign-in. */
export function loginErrorMessage(error: unknown, t: TFunction): string {
  if (!(error instanceof ApiError)) return t('login.errors.unexpected');
  if (error.isUnreachable) return t('login.errors.unreachable');
  switch (error.status) {
    case 400:
      return t('login.errors.invalidInput');
    case 401:
      return t('login.errors.invalidCredentials');
    case 429:
      if (error.retryAfterSeconds === undefined) return t('login.errors.tooManyAttemptsLater');
      // Waits grow with every failure (up to an hour): minutes read better beyond one.
      return error.retryAfterSeconds < 60
        ? t('login.errors.tooManyAttempts', { count: error.retryAfterSeconds })
        : t('login.errors.tooManyAttemptsMinutes', {
            count: Math.ceil(error.retryAfterSeconds / 60),
          });
    default:
      return t('login.errors.unexpected');
  }
}
