/**
 * Twilio error codes (https://www.twilio.com/docs/api/errors) in words an agent or an admin can act
 * on. The same code reaches us either as the REST API's answer to sending or later in a status
 * callback, so one table serves both.
 */
const WORDS: Record<number, string> = {
  // The customer's number or app
  21211: "The customer's number is not a valid phone number: correct it in the contact",
  21614: "The customer's number cannot receive SMS (a landline or not a mobile number)",
  21612:
    'Twilio cannot reach this number from this sender (the country or carrier is not supported)',
  21610:
    'The recipient replied STOP: they unsubscribed from SMS from this number and must text START before replies arrive',
  30003: "The customer's phone is unreachable (switched off or out of coverage): try again later",
  30004:
    "The message was blocked by the customer's phone or carrier (they may have blocked this number)",
  30005: "The customer's number is unknown to their carrier or no longer in service",
  30006: "The customer's number is a landline or its carrier cannot receive SMS",
  30007:
    'The carrier filtered the message as spam: rephrase it (no link shorteners), or an admin must register the sender (A2P 10DLC, toll-free verification)',
  30008: "The customer's carrier reported an unknown error: try again later",
  30019: "The files are larger than the customer's carrier accepts: send smaller ones",
  63003: "The customer's number is not on WhatsApp",
  63016:
    'Outside the WhatsApp 24-hour window: the customer last wrote more than 24 hours ago, so only an approved template can be sent (answer once they write again)',
  63024: 'WhatsApp refused this recipient (not a valid WhatsApp user for this sender)',
  63032: 'WhatsApp does not deliver to this user because of a WhatsApp restriction',
  63019: 'WhatsApp could not download the attached file',
  // The channel's account and sender: for an admin
  20003:
    'Twilio does not accept the Account SID and Auth Token: an admin must check them in the channel settings',
  20404:
    "Twilio does not know this account or resource: an admin must check the channel's Account SID",
  21408:
    "SMS to this country is not enabled in the Twilio account's geo permissions: an admin must allow it in the Twilio console",
  21606:
    "The channel's phone number cannot send SMS (not SMS-capable or not in this Twilio account): an admin must check config.phoneNumber",
  21659:
    "The channel's sender is not a Twilio number of this account: an admin must check config.phoneNumber",
  21703:
    'The Messaging Service has no sender that can reach this number: an admin must add one in the Twilio console',
  30032:
    "The channel's toll-free number is not verified: carriers block its messages until an admin completes toll-free verification",
  30034:
    "The channel's number is not registered for A2P 10DLC: US carriers block its messages until an admin registers it",
  63007:
    "This channel's number is not a WhatsApp sender in Twilio: an admin must check config.phoneNumber and the WhatsApp sender set-up",
};

/** A Twilio error code (number or numeric string) in words, naming the code; a generic line for others. */
export function twilioErrorWords(code: unknown, twilioMessage?: string): string {
  const n = typeof code === 'number' ? code : Number(String(code ?? '').trim());
  if (!Number.isInteger(n) || n <= 0)
    return twilioMessage?.trim()
      ? `Twilio: ${twilioMessage.trim()}`
      : 'Twilio reported an error without a code';
  const words = WORDS[n];
  if (words) return `${words} (Twilio error ${n})`;
  const detail = twilioMessage?.trim() ? `: ${twilioMessage.trim()}` : '';
  return `Twilio error ${n}${detail} (see https://www.twilio.com/docs/errors/${n})`;
}
