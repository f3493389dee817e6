import {
  identifierHashOf,
  isIdentifierHashValid,
  issueSessionToken,
  newVisitorId,
  verifiedVisitorId,
  visitorIdOfToken,
} from './widget-session';

const SECRET = 'webchat-secret-0123456789';
const CHANNEL = '5b0f3a52-6d55-4b83-9a4c-3f0a8e2b6c11';

describe('widget sessions', () => {
  it('resumes a token of this channel and secret only', () => {
    const visitorId = newVisitorId();
    const token = issueSessionToken(CHANNEL, visitorId, SECRET);
    expect(visitorIdOfToken(token, CHANNEL, SECRET)).toBe(visitorId);
    expect(visitorIdOfToken(token, CHANNEL, `${SECRET}-rotated`)).toBeNull();
    expect(visitorIdOfToken(token, '0b0f3a52-6d55-4b83-9a4c-3f0a8e2b6c11', SECRET)).toBeNull();
    expect(
      visitorIdOfToken(`${newVisitorId()}.${token.split('.')[1]}`, CHANNEL, SECRET),
    ).toBeNull();
    for (const bad of [undefined, '', 'garbage', `${visitorId}.`, `x.${token}`, 42])
      expect(visitorIdOfToken(bad, CHANNEL, SECRET)).toBeNull();
  });

  it('gives every visitor its own id and a signed-in customer one id on every device', () => {
    expect(newVisitorId()).not.toBe(newVisitorId());
    expect(newVisitorId()).toMatch(/^v_[\w-]{22}$/);
    expect(verifiedVisitorId('cust-42', SECRET)).toBe(verifiedVisitorId('cust-42', SECRET));
    expect(verifiedVisitorId('cust-42', SECRET)).toMatch(/^u_[\w-]{22}$/);
    expect(verifiedVisitorId('cust-42', SECRET)).not.toBe(verifiedVisitorId('cust-43', SECRET));
  });

  it('accepts the hex HMAC-SHA256 of the identifier (any case) and nothing else', () => {
    const hash = identifierHashOf('cust-42', SECRET);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(isIdentifierHashValid('cust-42', hash, SECRET)).toBe(true);
    expect(isIdentifierHashValid('cust-42', hash.toUpperCase(), SECRET)).toBe(true);
    expect(isIdentifierHashValid('cust-43', hash, SECRET)).toBe(false);
    expect(isIdentifierHashValid('cust-42', hash.slice(1), SECRET)).toBe(false);
    expect(
      isIdentifierHashValid('cust-42', identifierHashOf('cust-42', 'other-secret-0000'), SECRET),
    ).toBe(false);
  });
});
