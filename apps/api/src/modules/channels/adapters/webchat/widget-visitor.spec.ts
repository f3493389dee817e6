import { createHmac } from 'node:crypto';
import { WIDGET_ERRORS } from '@touchpoint/shared';
import { identitiesOf, visitorOf, type CheckedHandshake } from './widget-visitor';
import { issueSessionToken, verifiedVisitorId } from './widget-session';

const channel = { id: '5b0f3a52-6d55-4b83-9a4c-3f0a8e2b6c11', teamId: 'team-1' };
const config = {
  secret: 'webchat-secret-0123456789',
  allowedOrigins: ['https://shop.example.com'],
};
const SITE = 'https://shop.example.com';
const hs = (extra: Partial<CheckedHandshake> = {}): CheckedHandshake => ({
  channelId: channel.id,
  ...extra,
});
const hashOf = (id: string) => createHmac('sha256', config.secret).update(id).digest('hex');

describe('visitorOf', () => {
  it('refuses pages of other origins', () => {
    expect(() => visitorOf(channel, config, hs(), 'https://evil.example.com')).toThrow(
      WIDGET_ERRORS.originNotAllowed,
    );
  });

  it('resumes an anonymous session and starts a new one for a foreign token', () => {
    const first = visitorOf(channel, config, hs(), SITE);
    expect(
      visitorOf(channel, config, hs({ sessionToken: first.sessionToken }), SITE).visitorId,
    ).toBe(first.visitorId);
    const foreign = issueSessionToken('other-channel', first.visitorId, config.secret);
    expect(visitorOf(channel, config, hs({ sessionToken: foreign }), SITE).visitorId).not.toBe(
      first.visitorId,
    );
  });

  it('makes a signed identifier a verified identity, an email address an email identity', () => {
    const api = visitorOf(
      channel,
      config,
      hs({ identifier: 'cust-42', identifierHash: hashOf('cust-42') }),
      SITE,
    );
    expect(api.visitorId).toBe(verifiedVisitorId('cust-42', config.secret));
    expect(api.verified).toEqual({ kind: 'api', address: 'cust-42', verified: true });
    const email = visitorOf(
      channel,
      config,
      hs({ identifier: 'Karla@Example.com', identifierHash: hashOf('Karla@Example.com') }),
      SITE,
    );
    expect(email.verified).toEqual({ kind: 'email', address: 'karla@example.com', verified: true });
  });

  it('refuses a forged or missing hash instead of going on anonymously', () => {
    for (const extra of [
      { identifier: 'cust-42', identifierHash: hashOf('cust-43') },
      { identifier: 'cust-42' },
      { identifierHash: hashOf('cust-42') },
    ])
      expect(() => visitorOf(channel, config, hs(extra), SITE)).toThrow(
        WIDGET_ERRORS.invalidIdentity,
      );
  });

  it('does not resume a signed-in customer from the token alone', () => {
    const signedIn = visitorOf(
      channel,
      config,
      hs({ identifier: 'cust-42', identifierHash: hashOf('cust-42') }),
      SITE,
    );
    const after = visitorOf(channel, config, hs({ sessionToken: signedIn.sessionToken }), SITE);
    expect(after.visitorId).not.toBe(signedIn.visitorId);
    expect(after.visitorId).toMatch(/^v_/);
  });

  it('lists the webchat identity first and a typed email as never linking', () => {
    const visitor = visitorOf(
      channel,
      config,
      hs({
        identifier: 'cust-42',
        identifierHash: hashOf('cust-42'),
        email: 'Typed@Example.com',
        name: ' Karla ',
      }),
      SITE,
    );
    expect(visitor.name).toBe('Karla');
    expect(identitiesOf(visitor)).toEqual([
      { kind: 'webchat', address: visitor.visitorId },
      { kind: 'api', address: 'cust-42', verified: true },
      { kind: 'email', address: 'typed@example.com', canLink: false },
    ]);
  });
});
