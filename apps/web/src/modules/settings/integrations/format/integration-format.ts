import type { ApiScope } from '@touchpoint/shared';

/** A moment as the delivery log and token list show it, in the reader's language. */
export function formatMoment(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(iso),
  );
}

/** The i18n key part of a scope (`conversations:read` → `conversations_read`): i18next reads `:` itself. */
export function scopeKey(scope: ApiScope) {
  return scope.replace(':', '_') as
    | 'conversations_read'
    | 'conversations_write'
    | 'contacts_read'
    | 'contacts_write'
    | 'marketing_read'
    | 'webhooks_manage';
}

/** The end of the chosen day (local time) as ISO, for a token's expiry picked as a date. */
export function endOfDayIso(date: string): string | null {
  if (!date) return null;
  const [year, month, day] = date.split('-').map(Number);
  if (!year || !month || !day) return null;
  return new Date(year, month - 1, day, 23, 59, 59).toISOString();
}
