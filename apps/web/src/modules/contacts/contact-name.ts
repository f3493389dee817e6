import type { TFunction } from 'i18next';

/**
 * A contact's display name. The api already falls back to the contact's email address or phone
 * number, so a contact without any of them is a website visitor who never told us who they are:
 * they read "Visitor from the website, 14:02" (when they first wrote, where that is known) rather
 * than an id. Every place that shows a contact's name goes through here.
 */
export function contactName(
  name: string | null | undefined,
  t: TFunction,
  visitorSince?: string | null,
): string {
  const known = name?.trim();
  if (known) return known;
  const since = visitorSince ? new Date(visitorSince) : null;
  if (!since || Number.isNaN(since.getTime())) return t('contacts.visitor');
  return t('contacts.visitorSince', {
    time: since,
    formatParams: { time: visitorTimeFormat(since) },
  });
}

/** "14:02" today, "3 Dec, 14:02" before: a 24-hour clock, as in both languages' examples. */
function visitorTimeFormat(since: Date): Intl.DateTimeFormatOptions {
  const now = new Date();
  const today =
    since.getFullYear() === now.getFullYear() &&
    since.getMonth() === now.getMonth() &&
    since.getDate() === now.getDate();
  return {
    ...(today ? {} : { day: 'numeric', month: 'short' }),
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  };
}
