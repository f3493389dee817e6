import type { IdentityKind } from '@touchpoint/shared';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/** An address of the sender, as the channel knows it (normalised here). */
export interface InboundIdentity {
  kind: IdentityKind;
  address: string;
  /** The channel proved it (signed widget identifier, provider-authenticated sender id). */
  verified?: boolean;
  /**
   * False for an address an anonymous sender merely typed (an email left in the website chat): it is
   * stored on the sender's contact if free, but never attaches the message to someone else's contact.
   */
  canLink?: boolean;
}

/**
 * The one normal form of every identity address: emails lowercased and trimmed, phone numbers (and
 * WhatsApp ids, which are phone numbers) in E.164, provider ids as given. Returns null if invalid.
 */
export function normalizeAddress(
  kind: IdentityKind,
  raw: string,
  defaultRegion: CountryCode = 'DE',
): string | null {
  const value = raw.trim();
  if (!value) return null;
  switch (kind) {
    case 'email': {
      const email = value.replace(/^mailto:/i, '').toLowerCase();
      return /^[^\s@<>()]+@[^\s@<>()]+\.[^\s@<>()]+$/.test(email) && email.length <= 254
        ? email
        : null;
    }
    case 'phone':
    case 'whatsapp': {
      const digits = value.replace(/^whatsapp:/i, '');
      const withPlus = /^\d{8,15}$/.test(digits) && kind === 'whatsapp' ? `+${digits}` : digits;
      const phone = parsePhoneNumberFromString(withPlus, defaultRegion);
      return phone?.isValid() ? phone.number : null;
    }
    default:
      return value.length <= 255 ? value : null;
  }
}
