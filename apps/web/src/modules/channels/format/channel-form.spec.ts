import type { TFunction } from 'i18next';
import { SECRET_MASK, type ChannelDto } from '@touchpoint/shared';
import { ApiError } from '../../../api/http';
import { createI18n } from '../../../lib/i18n';
import {
  channelDraft,
  createRequest,
  emptyDraft,
  serverErrors,
  updateRequest,
  validateDraft,
  type ChannelDraft,
} from './channel-form';
import { channelConnection } from './channel-connection';

const TEAM_ID = '0c7e5f3a-1b2c-4d5e-8f90-a1b2c3d4e5f6';
const CHANNEL_ID = '4f1e2d3c-5b6a-4978-8a6b-5c4d3e2f1a0b';

function translator(lng: 'en' | 'de'): TFunction {
  jest.spyOn(window.navigator, 'languages', 'get').mockReturnValue([lng]);
  return createI18n().t;
}

function emailChannel(config: Record<string, unknown> = {}): ChannelDto {
  return {
    id: CHANNEL_ID,
    kind: 'email',
    name: 'Support mailbox',
    teamId: TEAM_ID,
    enabled: true,
    config: {
      address: 'support@example.com',
      smtp: {
        host: 'smtp.example.com',
        port: 587,
        secure: false,
        user: 'support',
        pass: SECRET_MASK,
      },
      ...config,
    },
    endpoints: { smtp: 'Deliver mail for support@example.com to this server on port 2525' },
    createdAt: '2025-01-01T00:00:00.000Z',
  };
}

function withValues(draft: ChannelDraft, values: ChannelDraft['values']): ChannelDraft {
  return { ...draft, values: { ...draft.values, ...values } };
}

describe('channel form', () => {
  it('builds the create body of a kind: optional values left out, numbers and lists parsed', () => {
    const webchat = withValues(emptyDraft('webchat', [TEAM_ID]), {
      secret: 'a-secret-of-sixteen',
      allowedOrigins: ' https://www.example.com \n\n*.example.org ',
      greeting: '  ',
    });
    expect(createRequest({ ...webchat, name: ' Website ' })).toEqual({
      kind: 'webchat',
      name: 'Website',
      teamId: TEAM_ID,
      config: {
        secret: 'a-secret-of-sixteen',
        allowedOrigins: ['https://www.example.com', '*.example.org'],
      },
    });

    const email = withValues(emptyDraft('email', []), {
      address: 'help@example.com',
      'smtp.host': 'smtp.example.com',
      'smtp.port': '465',
      'smtp.secure': true,
      'imap.host': 'imap.example.com',
    });
    // The IMAP group is off: its values are not sent.
    expect(createRequest(email).config).toEqual({
      address: 'help@example.com',
      smtp: { host: 'smtp.example.com', port: 465, secure: true },
    });
    expect(createRequest({ ...email, groups: { imap: true } }).config['imap']).toEqual({
      host: 'imap.example.com',
      port: 993,
      secure: true,
    });
  });

  it('starts an edit with secrets empty, and sends the mask back for those left alone', () => {
    const channel = emailChannel();
    const draft = channelDraft(channel);
    expect(draft.values['smtp.pass']).toBe('');
    expect(draft.savedSecrets).toEqual(['smtp.pass']);
    expect(draft.groups).toEqual({ imap: false });

    expect(updateRequest(draft, channel)).toEqual({});
    const moved = withValues(draft, { 'smtp.host': 'mail.example.com' });
    expect(updateRequest(moved, channel)).toEqual({
      config: {
        address: 'support@example.com',
        smtp: {
          host: 'mail.example.com',
          port: 587,
          secure: false,
          user: 'support',
          pass: SECRET_MASK,
        },
      },
    });
    const newPassword = withValues(draft, { 'smtp.pass': 'n3w-password' });
    expect(updateRequest(newPassword, channel).config?.['smtp']).toMatchObject({
      pass: 'n3w-password',
    });
  });

  it('checks with the shared schemas, skips kept secrets, and speaks the user’s language', () => {
    const channel = emailChannel();
    const draft = withValues(channelDraft(channel), {
      address: 'not-an-address',
      'smtp.host': '',
      'smtp.port': '70000',
    });
    const body = updateRequest({ ...draft, name: '' }, channel);
    const en = validateDraft(draft, body, translator('en'));
    expect(en.fields).toEqual({
      name: 'is required',
      'config.address': 'must be an email address',
      'config.smtp.host': 'is required',
      'config.smtp.port': 'must be at most 65535',
    });
    expect(en.other).toEqual([]);
    const de = validateDraft(draft, body, translator('de'));
    expect(de.fields['config.address']).toBe('muss eine E-Mail-Adresse sein');

    const telegram = withValues(emptyDraft('telegram', [TEAM_ID]), {
      botToken: '',
      secretToken: 'short',
      apiBaseUrl: 'ftp://api.example.com',
    });
    const created = createRequest({ ...telegram, name: 'Bot' });
    expect(validateDraft(telegram, created, translator('en')).fields).toEqual({
      'config.botToken': 'is required',
      'config.secretToken': 'must be at least 8 characters',
      'config.apiBaseUrl': 'must be an http(s) URL',
    });
    const spaced = withValues(telegram, { botToken: '123456:ABC', secretToken: 'with spaces' });
    const request = createRequest({ ...spaced, name: 'Bot' });
    expect(validateDraft(spaced, request, translator('en')).fields).toEqual({
      'config.secretToken': 'may only contain A-Z, a-z, 0-9, _ and -',
      'config.apiBaseUrl': 'must be an http(s) URL',
    });
    expect(validateDraft(spaced, request, translator('de')).fields['config.secretToken']).toBe(
      'darf nur A–Z, a–z, 0–9, _ und - enthalten',
    );
  });

  it('sends the items of a list as objects and puts complaints at the item they are about', () => {
    const draft = withValues(emptyDraft('whatsapp', [TEAM_ID]), {
      phoneNumberId: '1098765',
      accessToken: 'EAAG-token',
      appSecret: 'app-secret-1',
      verifyToken: 'verify-me-1',
      templates: [
        { name: 'order_update', language: 'de', body: ' Ihre Bestellung ist unterwegs. ' },
        { name: 'Order Update', language: 'german', body: '' },
      ],
    });
    const request = createRequest({ ...draft, name: 'WhatsApp' });
    expect(request.config['templates']).toEqual([
      { name: 'order_update', language: 'de', body: 'Ihre Bestellung ist unterwegs.' },
      { name: 'Order Update', language: 'german', body: '' },
    ]);
    expect(validateDraft(draft, request, translator('en')).fields).toEqual({
      'config.templates.1.name': 'may only contain a-z, 0-9 and _ (as WhatsApp names it)',
      'config.templates.1.language': 'must be a language code such as de or en_US',
      'config.templates.1.body': 'is required',
    });
    // No templates: the optional list is left out.
    expect(
      createRequest({ ...draft, values: { ...draft.values, templates: [] } }).config,
    ).not.toHaveProperty('templates');
    const invalid = new ApiError({
      status: 400,
      code: 'channels.invalid_config',
      message: 'config.templates.0.language must be a language code such as de or en_US',
    });
    expect(serverErrors(invalid, 'whatsapp', translator('en')).fields).toEqual({
      'config.templates.0.language': 'must be a language code such as de or en_US',
    });
  });

  it('sends a Twilio number’s call settings and checks them at their fields', () => {
    const draft = withValues(emptyDraft('twilio', [TEAM_ID]), {
      accountSid: 'AC0123456789',
      authToken: 'twilio-auth-token',
      phoneNumber: '+4930123456',
      voiceForwardTo: ' +4930987654 ',
      voiceGreeting: 'Hallo, hier ist der Kundenservice.',
      voiceLanguage: 'de-DE',
    });
    const request = createRequest({ ...draft, name: 'SMS' });
    expect(request.config).toEqual({
      accountSid: 'AC0123456789',
      authToken: 'twilio-auth-token',
      phoneNumber: '+4930123456',
      voiceForwardTo: '+4930987654',
      voiceGreeting: 'Hallo, hier ist der Kundenservice.',
      voiceLanguage: 'de-DE',
    });
    expect(validateDraft(draft, request, translator('en')).fields).toEqual({});

    const wrong = withValues(draft, { voiceForwardTo: '030 987654', voiceLanguage: 'german' });
    const refused = validateDraft(
      wrong,
      createRequest({ ...wrong, name: 'SMS' }),
      translator('en'),
    );
    expect(Object.keys(refused.fields).sort()).toEqual([
      'config.voiceForwardTo',
      'config.voiceLanguage',
    ]);
    // In the admin's language, not the schema's.
    const german = validateDraft(wrong, createRequest({ ...wrong, name: 'SMS' }), translator('de'));
    expect(german.fields['config.voiceForwardTo']).toBe(
      'muss eine Telefonnummer wie +4930123456 sein',
    );
    expect(german.fields['config.voiceLanguage']).toBe(
      'muss eine Sprache wie de-DE oder en-US sein',
    );
    // Left empty, the call settings are not sent: the server's defaults apply.
    const plain = withValues(draft, { voiceForwardTo: '', voiceGreeting: ' ', voiceLanguage: '' });
    expect(Object.keys(createRequest({ ...plain, name: 'SMS' }).config)).toEqual([
      'accountSid',
      'authToken',
      'phoneNumber',
    ]);
  });

  it('puts the server’s complaints at the fields they name', () => {
    const t = translator('en');
    const invalid = new ApiError({
      status: 400,
      code: 'channels.invalid_config',
      message: 'config.smtp.host is required; config.allowedOrigins.0 is too long; config. Unknown',
    });
    expect(serverErrors(invalid, 'email', t)).toEqual({
      fields: { 'config.smtp.host': 'is required' },
      other: ['config.allowedOrigins.0 is too long', 'config. Unknown'],
    });
    expect(serverErrors(invalid, 'webchat', t).fields).toEqual({
      'config.allowedOrigins': 'is too long',
    });

    const refused = new ApiError({
      status: 400,
      code: 'channels.refused_address',
      message:
        'config.smtp.host points to loopback (127.0.0.1); allow it with OUTBOUND_ALLOW_HOSTS',
    });
    const answer = serverErrors(refused, 'email', t);
    expect(answer.fields).toEqual({ 'config.smtp.host': 'points to loopback (127.0.0.1)' });
    expect(answer.other[0]).toContain('OUTBOUND_ALLOW_HOSTS');

    const taken = new ApiError({
      status: 409,
      code: 'channels.address_taken',
      message: 'Another channel already receives mail for help@example.com',
    });
    expect(serverErrors(taken, 'form', t).fields).toEqual({
      'config.replyFrom': 'Another channel already receives mail for help@example.com',
    });

    const validation = new ApiError({
      status: 400,
      code: 'validation.failed',
      message: 'name is required',
      details: [{ path: 'name', message: 'is required' }],
    });
    expect(serverErrors(validation, 'api', t).fields).toEqual({ name: 'is required' });

    const refusedToken = new ApiError({
      status: 400,
      code: 'channels.not_connected',
      message:
        'Telegram refused config.secretToken (Bad Request): use 1-256 characters of A-Z, a-z, 0-9, _ and -. Nothing was saved: correct the settings and save again.',
    });
    expect(serverErrors(refusedToken, 'telegram', t).fields).toEqual({
      'config.secretToken': refusedToken.message,
    });
    const unavailable = new ApiError({
      status: 502,
      code: 'channels.not_connected',
      message: 'Telegram is unavailable right now (502): try again in a moment.',
    });
    expect(serverErrors(unavailable, 'telegram', t)).toEqual({
      fields: {},
      other: [unavailable.message],
    });

    expect(serverErrors(new ApiError({ status: 500, message: 'boom' }), 'api', t)).toEqual({
      fields: {},
      other: [],
    });
  });

  it('tells how to connect: the inbox address and the SMTP port only the server knows', () => {
    const connection = channelConnection(
      emailChannel({ imap: { host: 'imap.example.com', port: 993, secure: true } }),
      'https://inbox.example.com',
    );
    expect(connection.items).toEqual([{ id: 'inboxAddress', value: 'support@example.com' }]);
    expect(connection.hints).toEqual(['email', 'emailImap']);
    expect(connection.values).toMatchObject({ port: '2525', host: 'imap.example.com' });
  });

  it('tells how to connect Twilio: messages, their status, calls and the call status', () => {
    const twilio: ChannelDto = {
      ...emailChannel(),
      kind: 'twilio',
      name: 'SMS',
      config: { accountSid: 'AC0123456789', authToken: SECRET_MASK, phoneNumber: '+4930123456' },
      endpoints: {},
    };
    const base = `https://inbox.example.com/webhooks/twilio/${CHANNEL_ID}`;
    expect(channelConnection(twilio, 'https://inbox.example.com')).toEqual({
      items: [
        { id: 'twilioWebhook', value: base },
        { id: 'twilioStatus', value: `${base}/status` },
        { id: 'twilioVoice', value: `${base}/voice` },
        { id: 'twilioVoiceStatus', value: `${base}/voice/status` },
      ],
      hints: ['twilio'],
    });
    // The server's addresses (from its PUBLIC_URL) win where it gives them.
    const served = `https://api.example.com/webhooks/twilio/${CHANNEL_ID}`;
    const items = channelConnection(
      { ...twilio, endpoints: { voice: `${served}/voice`, voiceStatus: `${served}/voice/status` } },
      'https://inbox.example.com',
    ).items;
    expect(items.map((item) => item.value)).toEqual([
      base,
      `${base}/status`,
      `${served}/voice`,
      `${served}/voice/status`,
    ]);
  });
});
