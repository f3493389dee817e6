import { isTwilioMediaLocation, mediaFilename, mediaUrlRefusal, mimeType } from './twilio-media';
import { splitTwilioBody } from './twilio-text';

const ACCOUNT = 'AC0123456789abcdef0123456789abcdef';
const API = 'https://api.twilio.com';
const MEDIA = `${API}/2010-04-01/Accounts/${ACCOUNT}/Messages/MM1/Media/ME0123456789abcdef0123456789abcdef`;

describe('where customer files are fetched from', () => {
  it("fetches only from the channel's API origin and account", () => {
    expect(mediaUrlRefusal(MEDIA, API, ACCOUNT)).toBeUndefined();
    expect(mediaUrlRefusal(MEDIA.replace('api.twilio.com', 'evil.example'), API, ACCOUNT)).toBe(
      "evil.example is not this channel's Twilio API (api.twilio.com)",
    );
    expect(mediaUrlRefusal(MEDIA.replace('https:', 'http:'), API, ACCOUNT)).toMatch(/is not this/);
    expect(mediaUrlRefusal(MEDIA.replace(ACCOUNT, 'AC' + 'f'.repeat(32)), API, ACCOUNT)).toBe(
      "it is not a file of this channel's Twilio account",
    );
    expect(mediaUrlRefusal('not a url', API, ACCOUNT)).toBe('its address is not a URL');
  });

  it("follows a redirect only to Twilio's documented media storage over https, or the API itself", () => {
    const ok = (url: string) => isTwilioMediaLocation(new URL(url), API);
    expect(ok('https://mms.twiliocdn.com/AC1/abc?Expires=1&Signature=x')).toBe(true);
    expect(ok('https://s3-external-1.amazonaws.com/media.twiliocdn.com/AC1/abc')).toBe(true);
    expect(ok('https://api.twilio.com/cdn/abc')).toBe(true);
    expect(ok('http://mms.twiliocdn.com/AC1/abc')).toBe(false);
    expect(ok('https://mms.twiliocdn.com:8443/AC1/abc')).toBe(false);
    expect(ok('https://s3-external-1.amazonaws.com/other-bucket/abc')).toBe(false);
    expect(ok('https://evil.twiliocdn.com.example/abc')).toBe(false);
    expect(ok('https://user:pw@mms.twiliocdn.com/abc')).toBe(false);
    expect(ok('http://169.254.169.254/latest/meta-data')).toBe(false);
  });

  it('names files by their Media SID and type', () => {
    expect(mediaFilename(MEDIA, 'image/jpeg', 0)).toBe('ME0123456789abcdef0123456789abcdef.jpg');
    expect(mediaFilename('https://x.example/a/b/', 'application/x-odd', 2)).toBe('media-3.bin');
    expect(mimeType('Image/JPEG; charset=binary')).toBe('image/jpeg');
    expect(mimeType('nonsense')).toBeUndefined();
  });
});

describe('splitTwilioBody', () => {
  it('keeps a short text whole and has no parts for an empty one', () => {
    expect(splitTwilioBody('  Hallo 👋  ')).toEqual(['Hallo 👋']);
    expect(splitTwilioBody(' \n ')).toEqual([]);
  });

  it('cuts at paragraphs, then lines, then spaces, each part within the limit', () => {
    const paragraphs = [1, 2, 3].map((n) => `Teil ${n}: ${'Wort '.repeat(250).trim()}`);
    const parts = splitTwilioBody(paragraphs.join('\n\n'));
    expect(parts).toEqual(paragraphs);
    expect(splitTwilioBody('aaaa bbbb cccc', 10)).toEqual(['aaaa bbbb', 'cccc']);
  });

  it('never cuts a character in two', () => {
    const emoji = '😀'.repeat(1000);
    const parts = splitTwilioBody(emoji);
    expect(parts.join('')).toBe(emoji);
    expect(parts.every((p) => p.length <= 1600 && !/[\uD800-\uDBFF]$/.test(p))).toBe(true);
  });
});
