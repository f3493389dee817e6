import { UnparseablePayloadError } from '../../channel-adapter';
import { twilioErrorWords } from './twilio-errors';
import {
  completeDraft,
  deliveryKey,
  parseTwilioWebhook,
  readTwilioWebhook,
  type TwilioDraft,
} from './twilio-webhook.parser';

const SID = 'SM0123456789abcdef0123456789abcdef';
const MM = 'MM0123456789abcdef0123456789abcdef';
const ACCOUNT = 'AC0123456789abcdef0123456789abcdef';
const media = (n: number) =>
  `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT}/Messages/${MM}/Media/ME${String(n).padStart(32, '0')}`;

const sms = (fields: Record<string, string | string[]> = {}) => ({
  MessageSid: SID,
  SmsSid: SID,
  AccountSid: ACCOUNT,
  From: '+491701234567',
  To: '+4930123456',
  Body: 'Hallo',
  NumMedia: '0',
  SmsStatus: 'received',
  ApiVersion: '2010-04-01',
  ...fields,
});
const whatsapp = (fields: Record<string, string> = {}) =>
  sms({
    From: 'whatsapp:+491701234567',
    To: 'whatsapp:+14155238886',
    WaId: '491701234567',
    ProfileName: 'Jürgen Müller',
    ...fields,
  });

const draftOf = (payload: unknown): TwilioDraft => {
  const reading = readTwilioWebhook(payload);
  if (reading.kind !== 'message') throw new Error(`not a message: ${JSON.stringify(reading)}`);
  return reading.draft;
};

describe('readTwilioWebhook', () => {
  it('reads an SMS: the SID as provider id, the number as verified phone identity, the text as sent', () => {
    expect(draftOf(sms({ Body: 'Grüße aus Köln 👋🏽 – wann kommt mein Paket? 📦' }))).toEqual({
      providerMessageId: SID,
      via: 'sms',
      contact: { identities: [{ kind: 'phone', address: '+491701234567', verified: true }] },
      text: 'Grüße aus Köln 👋🏽 – wann kommt mein Paket? 📦',
      media: [],
    });
  });

  it('gives a WhatsApp sender a whatsapp and a phone identity of the same number, named by the profile', () => {
    expect(draftOf(whatsapp({ Body: 'Hi' }))).toMatchObject({
      via: 'whatsapp',
      contact: {
        identities: [
          { kind: 'whatsapp', address: '+491701234567', verified: true },
          { kind: 'phone', address: '+491701234567', verified: true },
        ],
        name: 'Jürgen Müller',
      },
      text: 'Hi',
    });
  });

  it('names every file of an MMS, labelled by type when there is no text', () => {
    const draft = draftOf(
      sms({
        Body: '',
        NumMedia: '3',
        MediaUrl0: media(0),
        MediaContentType0: 'image/jpeg',
        MediaUrl1: media(1),
        MediaContentType1: 'Audio/OGG',
        MediaUrl2: media(2),
        MediaContentType2: 'not a type',
      }),
    );
    expect(draft.media).toEqual([
      { url: media(0), contentType: 'image/jpeg', index: 0 },
      { url: media(1), contentType: 'audio/ogg', index: 1 },
      { url: media(2), contentType: 'application/octet-stream', index: 2 },
    ]);
    expect(draft.text).toBe('[Image] [Audio] [File]');
    // A caption is the text.
    expect(
      draftOf(
        whatsapp({
          Body: 'Rechnung anbei',
          NumMedia: '1',
          MediaUrl0: media(0),
          MediaContentType0: 'application/pdf',
        }),
      ).text,
    ).toBe('Rechnung anbei');
  });

  it('takes no more files than Twilio sends (10), whatever NumMedia claims', () => {
    const fields: Record<string, string> = { NumMedia: '99' };
    for (let i = 0; i < 12; i++) {
      fields[`MediaUrl${i}`] = media(i);
      fields[`MediaContentType${i}`] = 'image/png';
    }
    expect(draftOf(sms(fields)).media).toHaveLength(10);
    expect(draftOf(sms({ NumMedia: '-3', MediaUrl0: media(0) })).media).toEqual([]);
  });

  it('reads a WhatsApp location with label, address and a map link', () => {
    expect(
      draftOf(
        whatsapp({
          Body: '',
          Latitude: '50.9375',
          Longitude: '6.9603',
          Label: 'Kölner Dom',
          Address: 'Domkloster 4, 50667 Köln',
        }),
      ).text,
    ).toBe(
      '[Location] Kölner Dom\nDomkloster 4, 50667 Köln\n50.9375, 6.9603\nhttps://www.openstreetmap.org/?mlat=50.9375&mlon=6.9603#map=17/50.9375/6.9603',
    );
    expect(draftOf(whatsapp({ Latitude: '95', Longitude: '1', Body: 'x' })).text).toBe('x');
  });

  it('reads a button reply with its payload', () => {
    expect(
      draftOf(
        whatsapp({
          MessageType: 'button',
          Body: 'Ja, bitte',
          ButtonText: 'Ja, bitte',
          ButtonPayload: 'confirm-order-17',
        }),
      ).text,
    ).toBe('[Button] Ja, bitte\n(payload: confirm-order-17)');
  });

  it('names the message a WhatsApp reply answers, and quotes it once its text is known', () => {
    const draft = draftOf(whatsapp({ Body: 'Genau das', OriginalRepliedMessageSid: MM }));
    expect(draft.reference).toEqual({ kind: 'reply', sid: MM });
    expect(completeDraft(draft, 'Lieferung am Montag?')).toEqual({
      text: 'Genau das',
      quoted: 'Lieferung am Montag?',
    });
    expect(completeDraft(draft, undefined)).toEqual({ text: 'Genau das' });
  });

  it('reads a reaction in words that name the message reacted to', () => {
    const draft = draftOf(
      whatsapp({ MessageType: 'reaction', Body: '👍', OriginalRepliedMessageSid: MM }),
    );
    expect(draft.reference).toEqual({ kind: 'reaction', sid: MM, emoji: '👍' });
    expect(completeDraft(draft, 'Ihre Bestellung ist unterwegs.')).toEqual({
      text: '[Reaction] 👍 to "Ihre Bestellung ist unterwegs."',
      quoted: 'Ihre Bestellung ist unterwegs.',
    });
    const removed = draftOf(
      whatsapp({ MessageType: 'reaction', Body: '', OriginalRepliedMessageSid: MM }),
    );
    expect(completeDraft(removed, undefined).text).toBe(
      '[Reaction removed] from an earlier message',
    );
  });

  it('says when a message was forwarded or came from an ad', () => {
    expect(
      draftOf(
        whatsapp({
          Body: 'Gibt es das noch?',
          Forwarded: 'true',
          ReferralHeadline: 'Sommer-Sale',
          ReferralSourceUrl: 'https://fb.me/ad1',
        }),
      ).text,
    ).toBe('[Forwarded]\nGibt es das noch?\n[Came from an ad: Sommer-Sale] https://fb.me/ad1');
  });

  it('stores an unknown shape with a readable placeholder instead of dropping it', () => {
    expect(draftOf(whatsapp({ Body: '', MessageType: 'unsupported' })).text).toBe(
      "[Twilio: message of type 'unsupported' without text or files]",
    );
    expect(draftOf(sms({ Body: '   ' })).text).toBe('[Twilio: message without text or files]');
  });

  it('reads status callbacks as delivery news about the reply with that SID', () => {
    const status = (MessageStatus: string, fields: Record<string, string> = {}) =>
      readTwilioWebhook(sms({ MessageStatus, SmsStatus: MessageStatus, ...fields }));
    expect(['queued', 'sending', 'sent', 'delivered', 'read'].map((s) => status(s))).toEqual([
      { kind: 'delivery', update: { providerMessageId: SID, status: 'sent' } },
      { kind: 'delivery', update: { providerMessageId: SID, status: 'sent' } },
      { kind: 'delivery', update: { providerMessageId: SID, status: 'sent' } },
      { kind: 'delivery', update: { providerMessageId: SID, status: 'delivered' } },
      { kind: 'delivery', update: { providerMessageId: SID, status: 'read' } },
    ]);
    expect(status('undelivered', { ErrorCode: '30003' })).toEqual({
      kind: 'delivery',
      update: {
        providerMessageId: SID,
        status: 'failed',
        error:
          "The customer's phone is unreachable (switched off or out of coverage): try again later (Twilio error 30003)",
      },
    });
    expect(status('failed', { ErrorCode: '63016' })).toMatchObject({
      update: { error: expect.stringMatching(/^Outside the WhatsApp 24-hour window/) },
    });
    expect(status('undelivered')).toMatchObject({
      update: { error: 'Twilio could not deliver the message (undelivered)' },
    });
    expect(status('partially_delivered')).toEqual({
      kind: 'ignored',
      reason: "Twilio status 'partially_delivered' says nothing about delivery",
    });
    // A customer's message carries the status of a received message: it is a message.
    expect(readTwilioWebhook(sms({ MessageStatus: 'received' })).kind).toBe('message');
  });

  it('is invalid (kept as failed with the reason) when nothing can be stored', () => {
    expect(readTwilioWebhook(null)).toEqual({
      kind: 'invalid',
      reason: 'Not a Twilio webhook: no form parameters',
    });
    expect(readTwilioWebhook(['a'])).toMatchObject({ kind: 'invalid' });
    expect(readTwilioWebhook({ Body: 'x', From: '+491701234567' })).toEqual({
      kind: 'invalid',
      reason: 'Not a Twilio messaging webhook: no MessageSid',
    });
    expect(readTwilioWebhook(sms({ From: '' }))).toEqual({
      kind: 'invalid',
      reason: 'Twilio message without a sender (From)',
    });
    expect(readTwilioWebhook(sms({ From: 'messenger:1234567' }))).toEqual({
      kind: 'invalid',
      reason:
        'Twilio messenger messages are not supported, only SMS, MMS and WhatsApp (From messenger:1234567)',
    });
    expect(readTwilioWebhook(sms({ From: '+12' }))).toMatchObject({
      kind: 'invalid',
      reason: 'Twilio sender +12 is not a phone number Touchpoint can answer',
    });
    expect(() => parseTwilioWebhook(sms({ From: '+12' }))).toThrow(UnparseablePayloadError);
  });

  it('takes the first value of a parameter Twilio sent twice, and only strings', () => {
    expect(draftOf(sms({ Body: ['eins', 'zwei'] })).text).toBe('eins');
    expect(readTwilioWebhook({ ...sms(), MessageSid: 42, SmsSid: 42 })).toMatchObject({
      kind: 'invalid',
    });
  });
});

describe('deliveryKey', () => {
  it('is the SID for a message, one key per status for a callback, the bytes for anything else', () => {
    expect(deliveryKey(sms(), undefined)).toBe(SID);
    expect(deliveryKey(sms({ MessageStatus: 'Delivered' }), undefined)).toBe(
      `status:${SID}:delivered`,
    );
    expect(deliveryKey({ Body: 'x' }, Buffer.from('Body=x'))).toMatch(/^body:[0-9a-f]{64}$/);
    expect(deliveryKey({ MessageSid: 'not a sid!' }, Buffer.from('a'))).toMatch(/^body:/);
  });
});

describe('twilioErrorWords', () => {
  it('puts known codes in words and names any other code with its documentation', () => {
    expect(twilioErrorWords('21610')).toBe(
      'The recipient replied STOP: they unsubscribed from SMS from this number and must text START before replies arrive (Twilio error 21610)',
    );
    expect(twilioErrorWords(30007)).toMatch(/^The carrier filtered the message as spam/);
    expect(twilioErrorWords(12345, 'Something odd')).toBe(
      'Twilio error 12345: Something odd (see https://www.twilio.com/docs/errors/12345)',
    );
    expect(twilioErrorWords('', 'No code')).toBe('Twilio: No code');
  });
});
