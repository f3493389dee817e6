import type { TFunction } from 'i18next';
import { ApiError } from '../../../api/http';
import { apiErrorMessage } from '../../../lib/api-error-message';

/** Codes of the assist errors the UI words itself; the model server's hint is kept for admins. */
const CODES = [
  'not_configured',
  'feature_off',
  'timeout',
  'unreachable',
  'provider_error',
] as const;

/** What an assist failure says, in the user's language. */
export function assistErrorMessage(error: unknown, t: TFunction): string {
  if (error instanceof ApiError && error.code?.startsWith('assist.')) {
    const code = CODES.find((c) => `assist.${c}` === error.code);
    if (code) return t(`assist.errors.${code}`, { detail: error.message });
  }
  return apiErrorMessage(error, t);
}
