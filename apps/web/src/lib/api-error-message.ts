import type { TFunction } from 'i18next';
import { ApiError } from '../api/http';

/**
 * The sentence an inline error shows. The API's own message is kept where it tells the user
 * something specific (who owns a conversation, who accepted a handoff first, why a step is not
 * theirs, which field is wrong).
 */
export function apiErrorMessage(error: unknown, t: TFunction): string {
  if (!(error instanceof ApiError)) return t('inbox.errors.unexpected');
  if (error.isUnreachable) return t('inbox.errors.unreachable');
  // A 403 the API explained (it has a code) says what to do instead; anything else stays generic.
  if (error.status === 403) return error.code ? error.message : t('inbox.errors.forbidden');
  if (error.status === 404) return t('inbox.errors.notFound');
  const detail = error.details[0];
  if (error.status === 400 && detail) return `${error.message}: ${detail.path} ${detail.message}`;
  if (error.status >= 400 && error.status < 500) return error.message;
  return t('inbox.errors.unexpected');
}
