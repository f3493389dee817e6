import twilio from 'twilio';
import {
  formParams,
  signatureMatches,
  twilioSignature,
  webhookUrl,
  type TwilioParams,
} from './twilio-signature';

const TOKEN = '12345678901234567890123456789012';
const URL_ = 'https://inbox.example.test/webhooks/twilio/0b6d5f1e-3c8a-4e0f-9d4b-2a7c1e5f8a90';

/** The signature as Twilio's own library computes it. */
const official = (url: string, params: TwilioParams, token = TOKEN) =>
  twilio.getExpectedTwilioSignature(token, url, params);

describe('Twilio request signatures', () => {
  const params: TwilioParams = {
    MessageSid: 'SM0123456789abcdef0123456789abcdef',
    From: 'whatsapp:+491701234567',
    To: 'whatsapp:+14155238886',
    Body: 'Grüße 👋 & bis bald = 100% ?',
    NumMedia: '0',
    ProfileName: 'Jürgen',
  };

  it("computes Twilio's documented example: HMAC-SHA1 over URL and sorted name+value pairs", () => {
    // The example of https://www.twilio.com/docs/usage/security#validating-requests.
    const example = {
      CallSid: 'CA1234567890ABCDE',
      Caller: '+12349013030',
      Digits: '1234',
      From: '+12349013030',
      To: '+18005551212',
    };
    expect(twilioSignature('12345', 'https://mycompany.com/myapp.php?foo=1&bar=2', example)).toBe(
      '0/KCTR6DLpKmkAf8muzZqo1nDgQ=',
    );
  });

  it('agrees with twilio.validateRequest on valid, forged, stale and missing signatures', () => {
    const cases: { url: string; params: TwilioParams; header: string | undefined }[] = [
      { url: URL_, params, header: official(URL_, params) },
      { url: `${URL_}?tag=a%20b&x=1`, params, header: official(`${URL_}?tag=a%20b&x=1`, params) },
      // Signed with the default port, checked without it, and the other way round.
      {
        url: URL_,
        params,
        header: official(URL_.replace('.test/', '.test:443/'), params),
      },
      { url: URL_.replace('.test/', '.test:443/'), params, header: official(URL_, params) },
      // Repeated names: every value counts, sorted.
      {
        url: URL_,
        params: { ...params, MediaUrl: ['https://b.example/2', 'https://a.example/1'] },
        header: official(URL_, {
          ...params,
          MediaUrl: ['https://b.example/2', 'https://a.example/1'],
        }),
      },
      // Forged: a changed value, a parameter added, another token.
      { url: URL_, params: { ...params, Body: 'changed' }, header: official(URL_, params) },
      { url: URL_, params: { ...params, Extra: '1' }, header: official(URL_, params) },
      { url: URL_, params, header: official(URL_, params, 'another-token-0123456789') },
      // Stale: computed for another URL (another channel, another host).
      { url: URL_, params, header: official(URL_.replace(/.$/, '1'), params) },
      { url: URL_, params, header: official(URL_.replace('inbox.', 'old.'), params) },
      { url: URL_, params, header: '' },
      { url: URL_, params, header: undefined },
      { url: URL_, params, header: 'bm90IGEgc2lnbmF0dXJl' },
    ];
    const ours = cases.map((c) => signatureMatches(TOKEN, c.header, c.url, c.params));
    const theirs = cases.map((c) => twilio.validateRequest(TOKEN, c.header ?? '', c.url, c.params));
    expect(ours).toEqual(theirs);
    expect(ours).toEqual([
      true,
      true,
      true,
      true,
      true,
      false,
      false,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('refuses everything without an Auth Token', () => {
    expect(signatureMatches('', official(URL_, params, ''), URL_, params)).toBe(false);
  });

  it('reads the raw form: decoded values, plus as space, repeated names kept, no prototype tricks', () => {
    const raw = Buffer.from(
      'Body=Gr%C3%BC%C3%9Fe+%F0%9F%91%8B&MediaUrl=a&MediaUrl=b&__proto__=x&constructor=y&Empty=',
    );
    const read = formParams(raw);
    expect(read).toEqual({
      Body: 'Grüße 👋',
      MediaUrl: ['a', 'b'],
      ['__proto__']: 'x',
      constructor: 'y',
      Empty: '',
    });
    expect(Object.getPrototypeOf(read)).toBe(Object.prototype);
    expect(formParams(undefined)).toEqual({});
  });

  it('builds the signed URL from PUBLIC_URL and the request path with its query', () => {
    expect(webhookUrl('https://inbox.example.test/', '/webhooks/twilio/1?a=b')).toBe(
      'https://inbox.example.test/webhooks/twilio/1?a=b',
    );
    expect(webhookUrl('https://example.test/touchpoint', '/webhooks/twilio/1')).toBe(
      'https://example.test/touchpoint/webhooks/twilio/1',
    );
  });
});
