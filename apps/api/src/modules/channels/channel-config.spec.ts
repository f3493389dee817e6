import { SECRET_MASK } from '@touchpoint/shared';
import { inboxAddressOf, maskConfig, outboundTargetsOf, validateConfig } from './channel-config';

describe('channel config', () => {
  const email = {
    address: 'Support@Beispiel.de',
    smtp: {
      host: 'smtp.beispiel.de',
      port: 587,
      secure: false,
      user: 'support',
      pass: 'geheim-123',
    },
  };

  it('validates per kind and explains what is wrong', () => {
    expect(validateConfig('email', email)).toMatchObject({ address: 'support@beispiel.de' });
    expect(() => validateConfig('email', { address: 'nope', smtp: { host: '', port: 0 } })).toThrow(
      /config.address must be an email address; config.smtp.host is required; config.smtp.port/,
    );
    expect(() => validateConfig('api', { secret: 'short' })).toThrow(
      /config.secret must be at least 16 characters/,
    );
    expect(() => validateConfig('api', { secret: 'x'.repeat(20), extra: 1 })).toThrow(/config/);
  });

  it('masks secrets and keeps them when the mask comes back', () => {
    const masked = maskConfig('email', validateConfig('email', email));
    expect(masked).toMatchObject({ smtp: { pass: SECRET_MASK, user: 'support' } });
    const updated = validateConfig(
      'email',
      { ...masked, address: 'help@beispiel.de' },
      validateConfig('email', email),
    );
    expect(updated).toMatchObject({ address: 'help@beispiel.de', smtp: { pass: 'geheim-123' } });
  });

  it('knows which address receives mail', () => {
    expect(inboxAddressOf('email', { address: 'A@B.de' })).toBe('a@b.de');
    expect(inboxAddressOf('form', { replyFrom: 'info@b.de' })).toBe('info@b.de');
    expect(inboxAddressOf('api', { secret: 'x' })).toBeNull();
  });

  it('finds every host a config makes the product connect to', () => {
    expect(
      outboundTargetsOf({
        ...email,
        imap: { host: 'imap.beispiel.de', port: 993, secure: true },
        callbackUrl: 'https://hooks.beispiel.de/tp',
        apiBaseUrl: 'http://[::1]:8080/v1',
        secret: 'not a url',
      }),
    ).toEqual([
      { field: 'config.smtp.host', host: 'smtp.beispiel.de', port: 587 },
      { field: 'config.imap.host', host: 'imap.beispiel.de', port: 993 },
      { field: 'config.callbackUrl', host: 'hooks.beispiel.de', port: 443 },
      { field: 'config.apiBaseUrl', host: '[::1]', port: 8080 },
    ]);
  });
});
