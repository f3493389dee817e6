import type { TFunction } from 'i18next';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "now", "5 min" / "vor 5 Min.", "3 h", "2 d"; older than a week: the date. */
export function relativeAge(iso: string, now: number, t: TFunction, locale: string): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return '';
  const elapsed = Math.max(0, now - at);
  if (elapsed < MINUTE) return t('inbox.age.now');
  if (elapsed < HOUR) return t('inbox.age.minutes', { count: Math.floor(elapsed / MINUTE) });
  if (elapsed < DAY) return t('inbox.age.hours', { count: Math.floor(elapsed / HOUR) });
  if (elapsed < 7 * DAY) return t('inbox.age.days', { count: Math.floor(elapsed / DAY) });
  const sameYear = new Date(at).getFullYear() === new Date(now).getFullYear();
  return new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    ...(sameYear ? {} : { year: 'numeric' }),
  }).format(at);
}

/** Date and time in full, for tooltips and message headers. */
export function fullDateTime(iso: string, locale: string): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return '';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(at);
}
