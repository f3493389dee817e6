import { normalizeAddress } from './identity-address';

describe('normalizeAddress', () => {
  it('lowercases and trims emails and rejects non-addresses', () => {
    expect(normalizeAddress('email', '  Anna.Schmidt@Example.COM ')).toBe(
      'anna.schmidt@example.com',
    );
    expect(normalizeAddress('email', 'mailto:a@b.de')).toBe('a@b.de');
    expect(normalizeAddress('email', 'not an email')).toBeNull();
  });

  it('turns phone numbers into E.164, German numbers by default', () => {
    expect(normalizeAddress('phone', '0171 1234567')).toBe('+491711234567');
    expect(normalizeAddress('phone', '+49 (0) 30 123456')).toBe('+4930123456');
    expect(normalizeAddress('phone', '+1 415 555 2671')).toBe('+14155552671');
    expect(normalizeAddress('phone', '12')).toBeNull();
  });

  it('reads WhatsApp ids (digits without plus) as phone numbers', () => {
    expect(normalizeAddress('whatsapp', '491711234567')).toBe('+491711234567');
    expect(normalizeAddress('whatsapp', 'whatsapp:+491711234567')).toBe('+491711234567');
  });

  it('keeps provider ids as they are', () => {
    expect(normalizeAddress('telegram', ' 123456789 ')).toBe('123456789');
    expect(normalizeAddress('webchat', '')).toBeNull();
  });
});
