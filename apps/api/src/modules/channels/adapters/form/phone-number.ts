import { parsePhoneNumberFromString } from 'libphonenumber-js';

/** Region assumed for numbers typed without a country code (our customers are mostly in Germany). */
export const DEFAULT_PHONE_REGION = 'DE';

/** E.164 form of a typed phone number (`0171 1234567` → `+491711234567`), or undefined if it is none. */
export function toE164(input: string): string | undefined {
  const phone = parsePhoneNumberFromString(input.trim(), DEFAULT_PHONE_REGION);
  return phone?.isValid() ? phone.number : undefined;
}
