import fc from 'fast-check';
import { UnparseablePayloadError } from '../../channel-adapter';
import { completeDraft, parseTwilioWebhook } from './twilio-webhook.parser';

/** Names Twilio sends, so generated forms reach every branch, not only "no MessageSid". */
const NAMES = [
  'MessageSid',
  'SmsSid',
  'From',
  'To',
  'Body',
  'NumMedia',
  'MediaUrl0',
  'MediaContentType0',
  'MediaUrl1',
  'MediaContentType1',
  'MessageStatus',
  'SmsStatus',
  'ErrorCode',
  'ErrorMessage',
  'ProfileName',
  'Latitude',
  'Longitude',
  'Label',
  'Address',
  'ButtonText',
  'ButtonPayload',
  'MessageType',
  'OriginalRepliedMessageSid',
  'Forwarded',
  'FrequentlyForwarded',
  'ReferralHeadline',
  'ReferralBody',
  'ReferralSourceUrl',
  '__proto__',
  'constructor',
];

const text = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.constantFrom(
    'SM0123456789abcdef0123456789abcdef',
    '+491701234567',
    'whatsapp:+491701234567',
    'whatsapp:',
    'rcs:+491701234567',
    'delivered',
    'failed',
    'read',
    'received',
    'reaction',
    '3',
    '1e309',
    'NaN',
    '-1',
    '63016',
  ),
);
const value = fc.oneof(
  text,
  fc.array(text, { maxLength: 3 }),
  fc.integer(),
  fc.constant(null),
  fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 }),
);
const form = fc.dictionary(fc.oneof(fc.constantFrom(...NAMES), fc.string()), value, {
  maxKeys: 12,
});

describe('parseTwilioWebhook (properties)', () => {
  it('throws nothing but UnparseablePayloadError, whatever arrives', () => {
    fc.assert(
      fc.property(fc.oneof(form, fc.anything()), fc.option(fc.string()), (payload, earlier) => {
        let reading: ReturnType<typeof parseTwilioWebhook>;
        try {
          reading = parseTwilioWebhook(payload);
        } catch (err) {
          if (err instanceof UnparseablePayloadError) return true;
          throw err;
        }
        if (reading.kind === 'message') {
          const { text: body } = completeDraft(reading.draft, earlier ?? undefined);
          // A message is never stored empty.
          if (!body.trim()) throw new Error(`empty text for ${JSON.stringify(payload)}`);
          if (!reading.draft.contact.identities.length) throw new Error('no identity');
        }
        return ['message', 'delivery', 'ignored'].includes(reading.kind);
      }),
      { numRuns: 2000 },
    );
  });
});
