import type { ChannelConfig } from '@touchpoint/shared';
import fc from 'fast-check';
import { mergeCallNews, type KnownCall } from '../../../conversations/writer/calls';
import {
  afterDialTwiml,
  answerCallTwiml,
  readVoiceWebhook,
  voiceKey,
  voicemailTwiml,
  VOICE_ROUTES,
  type VoiceRoute,
} from './twilio-voice';

const CALL = 'CA0123456789abcdef0123456789abcdef';
const CUSTOMER = '+4915112345678';
const NUMBER = '+4930123456';
const AT = new Date('2026-12-07T09:00:00Z');
const BASE = 'https://inbox.example.test/webhooks/twilio/c1/voice';
const config = (extra: Partial<ChannelConfig<'twilio'>> = {}): ChannelConfig<'twilio'> => ({
  accountSid: 'AC1',
  authToken: 'secret-token',
  phoneNumber: NUMBER,
  ...extra,
});

/** The standard parameters of every Twilio voice request, for a call from the customer. */
const params = (extra: Record<string, string> = {}) => ({
  CallSid: CALL,
  AccountSid: 'AC1',
  From: CUSTOMER,
  To: NUMBER,
  Direction: 'inbound',
  ApiVersion: '2010-04-01',
  ...extra,
});

const read = (route: VoiceRoute, extra: Record<string, string> = {}) => {
  const reading = readVoiceWebhook(voiceKey(route, params(extra), undefined), params(extra), AT);
  if (reading.kind !== 'call') throw new Error(`${route}: ${JSON.stringify(reading)}`);
  return reading.message;
};
const known = (route: VoiceRoute, extra: Record<string, string> = {}): KnownCall => {
  const m = read(route, extra);
  return { call: m.call!, text: m.text, ranks: m.callReport! };
};

/** What the reports of one call add up to, in the given order. */
const fold = (reports: KnownCall[]) =>
  reports.slice(1).reduce((acc, r) => mergeCallNews(acc, r) ?? acc, reports[0]);

describe('Twilio voice webhooks', () => {
  it('keys every report of a call apart, and a call without a SID by its bytes', () => {
    expect(voiceKey('status', params({ CallStatus: 'ringing' }), undefined)).toBe(
      `call:${CALL}:status:ringing`,
    );
    expect(voiceKey('status', params({ CallStatus: 'completed' }), undefined)).toBe(
      `call:${CALL}:status:completed`,
    );
    expect(voiceKey('voicemail', params(), undefined)).toBe(`call:${CALL}:voicemail`);
    expect(voiceKey('status', { CallSid: 'x' }, Buffer.from('a'))).toMatch(/^body:[0-9a-f]{64}$/);
  });

  it('reads a completed call from its status callback: answered, its length, the caller', () => {
    const m = read('status', {
      CallStatus: 'completed',
      CallDuration: '95',
      Timestamp: 'Mon, 07 Dec 2026 09:01:35 +0000',
    });
    expect(m.providerMessageId).toBe(`call:${CALL}`);
    expect(m.contact.identities).toEqual([{ kind: 'phone', address: CUSTOMER }]);
    expect(m.call).toEqual({
      direction: 'inbound',
      outcome: 'answered',
      startedAt: '2026-12-07T09:00:00.000Z',
      durationSeconds: 95,
      from: CUSTOMER,
      to: NUMBER,
      recordingUrl: null,
    });
  });

  it.each([
    ['busy', 'busy'],
    ['no-answer', 'missed'],
    ['canceled', 'missed'],
    ['failed', 'failed'],
  ])('a call that ended %s is %s, with no talk time', (status, outcome) => {
    const m = read('status', { CallStatus: status, CallDuration: '12' });
    expect(m.call).toMatchObject({ outcome, durationSeconds: 0 });
  });

  it('ignores a call that is still going, and the forwarded leg of one', () => {
    for (const status of ['ringing', 'in-progress', 'queued', 'initiated'])
      expect(readVoiceWebhook(`call:${CALL}:status`, params({ CallStatus: status }), AT).kind).toBe(
        'ignored',
      );
    expect(
      readVoiceWebhook(
        `call:${CALL}:status`,
        params({ CallStatus: 'completed', Direction: 'outbound-dial' }),
        AT,
      ),
    ).toMatchObject({ kind: 'ignored', reason: expect.stringContaining('forwarded') });
  });

  it('an outbound call is with the number called', () => {
    const m = read('status', {
      CallStatus: 'completed',
      CallDuration: '30',
      Direction: 'outbound-api',
      From: NUMBER,
      To: CUSTOMER,
    });
    expect(m.call).toMatchObject({ direction: 'outbound', outcome: 'answered' });
    expect(m.contact.identities).toEqual([{ kind: 'phone', address: CUSTOMER }]);
  });

  it('a caller who withholds the number is a contact of their own for this call', () => {
    const m = read('incoming', { From: 'anonymous' });
    expect(m.contact).toEqual({
      identities: [{ kind: 'api', address: `anonymous-call:${CALL}` }],
      name: 'Anonymous caller',
    });
  });

  it('whatever order the reports of a voicemail arrive in, the call is a voicemail with recording and transcript', () => {
    const reports = [
      known('incoming'),
      known('status', { CallStatus: 'completed', CallDuration: '41' }),
      known('voicemail', {
        RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1`,
        RecordingDuration: '20',
      }),
      known('transcription', {
        TranscriptionStatus: 'completed',
        TranscriptionText: 'Hallo, bitte rufen Sie mich zurück.',
        RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1`,
      }),
    ];
    const expected = {
      outcome: 'voicemail',
      durationSeconds: 0,
      startedAt: AT.toISOString(),
      recordingUrl: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1',
    };
    fc.assert(
      fc.property(fc.shuffledSubarray(reports, { minLength: 4, maxLength: 4 }), (order) => {
        const call = fold(order);
        expect(call.call).toMatchObject(expected);
        expect(call.text).toBe('Hallo, bitte rufen Sie mich zurück.');
        // Merging a report again changes nothing.
        for (const r of order) expect(mergeCallNews(call, r)).toBeNull();
      }),
    );
  });

  it('a forwarded call someone picked up is answered for the talk time; one nobody picked up stays missed', () => {
    const answered = fold([
      known('status', { CallStatus: 'completed', CallDuration: '80' }),
      known('dialed', { DialCallStatus: 'completed', DialCallDuration: '61' }),
      known('incoming'),
    ]);
    expect(answered.call).toMatchObject({ outcome: 'answered', durationSeconds: 61 });
    const missed = fold([
      known('incoming'),
      known('status', { CallStatus: 'completed', CallDuration: '25' }),
      known('dialed', { DialCallStatus: 'no-answer' }),
    ]);
    expect(missed.call).toMatchObject({ outcome: 'missed', durationSeconds: 0 });
  });

  it('a voicemail Twilio could not transcribe says so', () => {
    const m = read('transcription', { TranscriptionStatus: 'failed' });
    expect(m.text).toMatch(/could not transcribe/);
  });

  it('never throws, whatever a stored report holds', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...VOICE_ROUTES, 'other'),
        fc.oneof(
          fc.dictionary(
            fc.constantFrom(
              'CallSid',
              'From',
              'To',
              'Direction',
              'CallStatus',
              'CallDuration',
              'Timestamp',
              'RecordingUrl',
              'DialCallStatus',
              'DialCallDuration',
              'TranscriptionStatus',
              'TranscriptionText',
              '__proto__',
            ),
            fc.oneof(fc.string(), fc.array(fc.string(), { maxLength: 2 }), fc.integer()),
          ),
          fc.anything(),
        ),
        (route, payload) => {
          const reading = readVoiceWebhook(`call:${CALL}:${route}`, payload, AT);
          expect(['call', 'ignored', 'invalid']).toContain(reading.kind);
          if (reading.kind === 'call') expect(reading.message.contact.identities).toHaveLength(1);
        },
      ),
    );
  });

  describe('TwiML', () => {
    it('forwards a call to the team phone, and takes a voicemail when nobody picks up', () => {
      const twiml = answerCallTwiml(config({ voiceForwardTo: '+4930999999' }), BASE);
      expect(twiml).toContain(`<Dial action="${BASE}/dialed" method="POST" timeout="20"`);
      expect(twiml).toContain('<Number>+4930999999</Number>');
      expect(afterDialTwiml(config(), BASE, { DialCallStatus: 'completed' })).toContain(
        '<Hangup/>',
      );
      expect(afterDialTwiml(config(), BASE, { DialCallStatus: 'no-answer' })).toContain('<Record');
    });

    it('greets in the channel language, records, and has English voicemails transcribed', () => {
      const en = answerCallTwiml(config(), BASE);
      expect(en).toContain('<Say language="en-US">Please leave a message after the tone.</Say>');
      expect(en).toContain(`transcribeCallback="${BASE}/transcription"`);
      const de = voicemailTwiml(config({ voiceLanguage: 'de-DE' }), BASE);
      expect(de).toContain('Bitte hinterlassen Sie nach dem Signalton eine Nachricht.');
      expect(de).toContain(`<Record action="${BASE}/voicemail"`);
      expect(de).not.toContain('transcribe=');
    });

    it("escapes the admin's greeting", () => {
      const twiml = voicemailTwiml(
        config({ voiceGreeting: 'Müller & Söhne <GmbH> "Hallo"' }),
        BASE,
      );
      expect(twiml).toContain('Müller &amp; Söhne &lt;GmbH&gt; &quot;Hallo&quot;');
    });
  });
});
