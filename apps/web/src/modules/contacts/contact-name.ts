import type { TFunction } from 'i18next';

/** A contact's display name, or a neutral label for contacts that never told us their name (website visitors). */
export function contactName(name: string | null | undefined, t: TFunction): string {
  return name?.trim() || t('contacts.unnamed');
}
