import type { TFunction } from 'i18next';
import type { ConsentChannel, PreferredChannel, QuietHours } from '@touchpoint/shared';
import { ApiError } from '../../../api/http';

/** "de" → "German" / "Deutsch" in the user's language; the code itself when unknown. */
export function languageName(code: string, locale: string): string {
  try {
    const name = new Intl.DisplayNames([locale], { type: 'language' }).of(code);
    return name && name !== code ? name : code;
  } catch {
    return code;
  }
}

/** "20:00–08:00 (Europe/Berlin)". */
export function quietHoursText(quietHours: QuietHours): string {
  return `${quietHours.from}–${quietHours.to} (${quietHours.timeZone})`;
}

export function preferredChannelLabel(channel: PreferredChannel, t: TFunction): string {
  return channel === 'phone' ? t('contact.preferred.phone') : t(`inbox.channelKinds.${channel}`);
}

export function consentChannelLabel(channel: ConsentChannel, t: TFunction): string {
  if (channel === 'all') return t('contacts.consents.allChannels');
  if (channel === 'phone') return t('contacts.consents.phone');
  return t(`inbox.channelKinds.${channel}`);
}

/**
 * The API's validation messages by field path (`name`, `quietHours.from`, `attributes.customer_no`),
 * so a form shows each under its field; empty for any other failure.
 */
export function apiFieldErrors(error: unknown): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!(error instanceof ApiError) || error.status !== 400) return errors;
  for (const detail of error.details) errors[detail.path] ??= detail.message;
  return errors;
}

/** A value of the edit history as a person reads it: none, a time window, or the value itself. */
export function changeValueText(value: unknown, t: TFunction): string {
  if (value === null || value === undefined || value === '') return t('contacts.history.none');
  if (typeof value === 'boolean')
    return value ? t('contacts.history.yes') : t('contacts.history.no');
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (isQuietHours(value)) return quietHoursText(value);
  return JSON.stringify(value);
}

function isQuietHours(value: unknown): value is QuietHours {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    typeof candidate['from'] === 'string' &&
    typeof candidate['to'] === 'string' &&
    typeof candidate['timeZone'] === 'string'
  );
}
