import { metaSignatureMatches, sameSecret, signMetaBody } from './meta-signature';

describe('Meta webhook signatures', () => {
  // Meta signs the bytes it sends, with non-ASCII escaped: re-serialising would change them.
  const raw = Buffer.from('{"text":"Gr\\u00fc\\u00df Gott \\ud83d\\udc4b","url":"https:\\/\\/x"}');

  it('accepts the HMAC of the raw body with the app secret, in either case of hex', () => {
    const header = signMetaBody(raw, 'app-secret-1');
    expect(header).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(metaSignatureMatches(raw, header, 'app-secret-1')).toBe(true);
    expect(
      metaSignatureMatches(raw, header.toUpperCase().replace('SHA256', 'sha256'), 'app-secret-1'),
    ).toBe(true);
    expect(metaSignatureMatches(raw, [header], 'app-secret-1')).toBe(true);
  });

  it('refuses another secret, other bytes, a missing header or body', () => {
    const header = signMetaBody(raw, 'app-secret-1');
    expect(metaSignatureMatches(raw, header, 'app-secret-2')).toBe(false);
    expect(
      metaSignatureMatches(
        Buffer.from(JSON.stringify(JSON.parse(raw.toString()))),
        header,
        'app-secret-1',
      ),
    ).toBe(false);
    expect(metaSignatureMatches(raw, undefined, 'app-secret-1')).toBe(false);
    expect(metaSignatureMatches(undefined, header, 'app-secret-1')).toBe(false);
    expect(metaSignatureMatches(raw, 'sha1=abc', 'app-secret-1')).toBe(false);
  });

  it('compares verify tokens whole', () => {
    expect(sameSecret('verify-me', 'verify-me')).toBe(true);
    expect(sameSecret('verify-m', 'verify-me')).toBe(false);
    expect(sameSecret(undefined, 'verify-me')).toBe(false);
    expect(sameSecret('', '')).toBe(false);
  });
});
