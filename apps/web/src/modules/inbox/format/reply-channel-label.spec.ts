import { createInstance } from 'i18next';
import type { ChannelKind } from '@touchpoint/shared';
import de from '../../../lib/locales/de.json';
import en from '../../../lib/locales/en.json';
import { readableAddress, replyChannelLabel } from './reply-channel-label';

async function tIn(lng: 'de' | 'en') {
  const i18n = createInstance();
  await i18n.init({ lng, resources: { de: { translation: de }, en: { translation: en } } });
  return i18n.t;
}

const option = (kind: ChannelKind, name: string, address: string) => ({
  channel: { id: 'c1', kind, name },
  address,
});

describe('replyChannelLabel', () => {
  it('names the website chat without the visitor id', async () => {
    const t = await tIn('en');
    expect(replyChannelLabel(option('webchat', 'Website chat', 'v_3f9a1c2b7e'), t)).toBe(
      'Website chat',
    );
    expect(replyChannelLabel(option('webchat', '', 'v_3f9a1c2b7e'), t)).toBe('Website chat');
    expect(replyChannelLabel(option('webchat', ' ', 'v_3f9a1c2b7e'), await tIn('de'))).toBe(
      'Website-Chat',
    );
  });

  it('shows an email address or phone number as people write them', async () => {
    const t = await tIn('en');
    expect(replyChannelLabel(option('email', 'Support mail', 'anna@example.com'), t)).toBe(
      'Support mail (anna@example.com)',
    );
    expect(replyChannelLabel(option('whatsapp', 'WhatsApp', '491701234567'), t)).toBe(
      'WhatsApp (+491701234567)',
    );
    expect(replyChannelLabel(option('twilio', 'SMS', '+491701234567'), t)).toBe(
      'SMS (+491701234567)',
    );
  });

  it('leaves provider ids out (Messenger, Telegram, an API identifier)', async () => {
    const t = await tIn('en');
    expect(replyChannelLabel(option('messenger', 'Facebook page', '6412345678901234'), t)).toBe(
      'Facebook page',
    );
    expect(readableAddress('telegram', '-1001234567')).toBeNull();
    expect(readableAddress('api', 'kunde@example.com')).toBe('kunde@example.com');
    expect(replyChannelLabel(option('api', 'Shop', 'cust_8842'), t)).toBe('Shop');
  });
});
