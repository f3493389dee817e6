import { screen, waitFor, within } from '@testing-library/react';
import {
  CHANNEL_SECRET_KEYS,
  channelConfigSchemas,
  SECRET_MASK,
  type ChannelDto,
  type CreateChannelRequest,
  type Role,
  type TeamDto,
  type UpdateChannelRequest,
} from '@touchpoint/shared';
import { LOCALE_STORAGE_KEY } from '../../../lib/i18n';
import { installApi, type Routes } from '../../../../test/fake-api';
import { apiError, jsonResponse } from '../../../../test/fetch-mock';
import { signIn, userWithRole } from '../../../../test/fixtures';
import { renderApp } from '../../../../test/render-app';

const SERVICE_ID = '0c7e5f3a-1b2c-4d5e-8f90-a1b2c3d4e5f6';
const SALES_ID = '2b1c0a9e-8d7f-4e6d-9c5b-4a3f2e1d0c9b';
const TELEGRAM_ID = '4f1e2d3c-5b6a-4978-8a6b-5c4d3e2f1a0b';
const WEBCHAT_ID = '6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d';
const WHATSAPP_ID = '8c7b6a5d-4e3f-4b2a-8d1c-0f9e8d7c6b5a';
const EMAIL_ID = '1d2c3b4a-5f6e-4d7c-8b9a-0e1f2d3c4b5a';
const FORM_ID = '3e4d5c6b-7a8f-4e9d-9c0b-1a2f3e4d5c6b';
const NEW_ID = '9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f';

/** The page is served from jsdom's origin: webhook URLs are built from it. */
const ORIGIN = window.location.origin;

function team(id: string, name: string): TeamDto {
  return {
    id,
    name,
    description: '',
    consultAcceptSeconds: 600,
    consultAnswerSeconds: 7200,
    participantGraceSeconds: 3600,
    specialistsMayReply: false,
    fallbackTeamId: null,
    autoAssign: false,
    maxOpenPerAgent: 10,
    receivesLeads: false,
    holdsMarketing: 'open_and_pending',
    members: [],
    createdAt: '2025-01-01T00:00:00.000Z',
  };
}

const TEAMS = [team(SALES_ID, 'Sales'), team(SERVICE_ID, 'Service')];

/** The config as the server answers it: secrets replaced by the mask. */
function masked(kind: ChannelDto['kind'], config: Record<string, unknown>) {
  const copy = JSON.parse(JSON.stringify(config)) as Record<string, unknown>;
  for (const path of CHANNEL_SECRET_KEYS[kind]) {
    const keys = path.split('.');
    const last = keys.pop() ?? '';
    const owner = keys.reduce<Record<string, unknown> | undefined>(
      (object, key) => object?.[key] as Record<string, unknown> | undefined,
      copy,
    );
    if (owner?.[last]) owner[last] = SECRET_MASK;
  }
  return copy;
}

function channel(
  id: string,
  kind: ChannelDto['kind'],
  name: string,
  config: Record<string, unknown>,
  overrides: Partial<ChannelDto> = {},
): ChannelDto {
  return {
    id,
    kind,
    name,
    teamId: SERVICE_ID,
    enabled: true,
    config: masked(kind, config),
    endpoints:
      kind === 'email'
        ? { smtp: `Deliver mail for ${String(config['address'])} to this server on port 2525` }
        : {},
    createdAt: '2025-01-01T00:00:00.000Z',
    ...overrides,
  };
}

const TELEGRAM = channel(TELEGRAM_ID, 'telegram', 'Telegram bot', {
  botToken: '123456:ABC-DEF',
  secretToken: 'telegram-secret',
});
const WEBCHAT = channel(
  WEBCHAT_ID,
  'webchat',
  'Website chat',
  { secret: 'webchat-secret-0123456789', allowedOrigins: [] },
  { enabled: false, teamId: SALES_ID },
);
const WHATSAPP = channel(WHATSAPP_ID, 'whatsapp', 'WhatsApp sales', {
  phoneNumberId: '1098765',
  accessToken: 'EAAG-token',
  appSecret: 'app-secret-1',
  verifyToken: 'verify-me-1',
});
const EMAIL = channel(EMAIL_ID, 'email', 'Support mailbox', {
  address: 'support@example.com',
  smtp: { host: 'smtp.example.com', port: 587, secure: false, user: 'support', pass: 'pw-123' },
});
const FORM = channel(FORM_ID, 'form', 'Contact form', { replyFrom: 'hello@example.com' });

/** The channels API of an admin, answering as the server does (masked secrets, name order). */
function channelRoutes(initial: ChannelDto[], overrides: Routes = {}): Routes {
  let channels = [...initial].sort((a, b) => a.name.localeCompare(b.name));
  return {
    'GET /api/me': () => userWithRole('admin'),
    'GET /api/teams': () => TEAMS,
    'GET /api/channels': () => channels,
    'POST /api/channels': (request) => {
      const body = request.body as CreateChannelRequest;
      const created = channel(NEW_ID, body.kind, body.name, body.config, { teamId: body.teamId });
      channels = [...channels, created].sort((a, b) => a.name.localeCompare(b.name));
      return jsonResponse(201, created);
    },
    'PATCH /api/channels/:id': (request) => {
      const current = channels.find((candidate) => candidate.id === request.params['id']);
      if (!current) return apiError(404, 'channel.not_found', 'Channel does not exist');
      const body = request.body as UpdateChannelRequest;
      const next: ChannelDto = {
        ...current,
        ...body,
        config: body.config ? masked(current.kind, body.config) : current.config,
      };
      channels = channels.map((candidate) => (candidate.id === next.id ? next : candidate));
      return next;
    },
    'DELETE /api/channels/:id': (request) => {
      channels = channels.filter((candidate) => candidate.id !== request.params['id']);
      return jsonResponse(204, null);
    },
    ...overrides,
  };
}

async function renderChannels(routes: Routes) {
  signIn();
  const network = installApi(routes);
  const app = renderApp('/settings/channels');
  await screen.findByTestId('settings-channels');
  await waitFor(() =>
    expect(
      screen.queryByTestId('channel-list') ?? screen.queryByTestId('channel-list-empty'),
    ).not.toBeNull(),
  );
  return { ...app, network };
}

const cardOf = (name: string) => {
  const card = screen
    .getAllByTestId('channel-card')
    .find((candidate) => within(candidate).queryByRole('heading', { level: 3, name }));
  if (!card) throw new Error(`no card for ${name}`);
  return card;
};
const requestsTo = (
  network: { to(path: string): { method: string; body: unknown }[] },
  path: string,
  method: string,
) => network.to(path).filter((request) => request.method === method);

/** The error text linked to a control through aria-describedby. */
function errorOf(control: HTMLElement): string {
  const ids = (control.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
  return ids
    .map((id) => document.getElementById(id))
    .filter((element) => element?.classList.contains('tp-field__error'))
    .map((element) => element?.textContent ?? '')
    .join(' ');
}

/** What the shared schema says about one value of a kind's config. */
function schemaMessage(kind: 'telegram', key: 'secretToken', value: unknown): string {
  const parsed = channelConfigSchemas[kind].shape[key].safeParse(value);
  if (parsed.success) throw new Error(`${String(value)} is valid for ${key}`);
  return parsed.error.issues[0]?.message ?? '';
}

/** Opens "Add channel", picks a kind and continues to its form. */
async function startAdding(user: ReturnType<typeof renderApp>['user'], kind: RegExp) {
  await user.click(screen.getAllByRole('button', { name: 'Add channel' })[0] as HTMLElement);
  const dialog = await screen.findByRole('dialog', { name: 'Add channel' });
  await user.click(within(dialog).getByRole('radio', { name: kind }));
  await user.click(within(dialog).getByRole('button', { name: 'Continue' }));
  await within(dialog).findByTestId('channel-form');
  return dialog;
}

describe('Channels settings', () => {
  it('lists every channel with kind, team, state and what connects it', async () => {
    const { user } = await renderChannels(
      channelRoutes([TELEGRAM, WEBCHAT, WHATSAPP, EMAIL, FORM]),
    );

    expect(screen.getByRole('link', { name: 'Channels' })).toHaveAttribute('aria-current', 'page');
    expect(screen.getByRole('heading', { level: 2, name: 'Channels' })).toBeInTheDocument();
    const names = screen
      .getAllByTestId('channel-card')
      .map((card) => within(card).getByRole('heading', { level: 3 }).textContent);
    expect(names).toEqual([
      'Contact form',
      'Support mailbox',
      'Telegram bot',
      'Website chat',
      'WhatsApp sales',
    ]);

    const telegram = cardOf('Telegram bot');
    expect(within(telegram).getByTestId('channel-kind')).toHaveTextContent('Telegram');
    expect(within(telegram).getByTestId('channel-team')).toHaveTextContent('Default team: Service');
    expect(within(telegram).getByTestId('channel-status')).toHaveTextContent('Enabled');
    const webhook = within(telegram).getByRole('textbox', { name: 'Webhook URL' });
    expect(webhook).toHaveValue(`${ORIGIN}/webhooks/telegram/${TELEGRAM_ID}`);
    expect(webhook).toHaveAttribute('readonly');
    expect(telegram).toHaveTextContent(
      'Touchpoint registers this webhook URL with Telegram itself',
    );

    await user.click(within(telegram).getByRole('button', { name: 'Copy Webhook URL' }));
    expect(await navigator.clipboard.readText()).toBe(`${ORIGIN}/webhooks/telegram/${TELEGRAM_ID}`);
    expect(within(telegram).getByRole('status')).toHaveTextContent('Copied.');

    const webchat = cardOf('Website chat');
    expect(within(webchat).getByTestId('channel-status')).toHaveTextContent('Disabled');
    expect(within(webchat).getByTestId('channel-team')).toHaveTextContent('Default team: Sales');
    expect(within(webchat).getByRole('switch', { name: /Receive messages/ })).not.toBeChecked();
    expect(within(webchat).getByRole('textbox', { name: 'Embed snippet' })).toHaveValue(
      `<script src="${ORIGIN}/widget.js" data-channel="${WEBCHAT_ID}" async></script>`,
    );

    const whatsapp = cardOf('WhatsApp sales');
    expect(within(whatsapp).getByTestId('channel-kind')).toHaveTextContent('WhatsApp (Cloud API)');
    expect(within(whatsapp).getByRole('textbox', { name: 'Callback URL' })).toHaveValue(
      `${ORIGIN}/webhooks/meta/${WHATSAPP_ID}`,
    );
    expect(whatsapp).toHaveTextContent(
      "as verify token, the value saved in this channel's Verify token field",
    );

    const email = cardOf('Support mailbox');
    expect(within(email).getByRole('textbox', { name: 'Inbox address' })).toHaveValue(
      'support@example.com',
    );
    expect(email).toHaveTextContent("Touchpoint's SMTP intake on port 2525");

    const form = cardOf('Contact form');
    expect(within(form).getByRole('textbox', { name: 'Public form page' })).toHaveValue(
      `${ORIGIN}/forms/${FORM_ID}/embed`,
    );
    expect(
      within(form).getByRole('link', { name: 'Open Public form page in a new tab' }),
    ).toHaveAttribute('href', `${ORIGIN}/forms/${FORM_ID}/embed`);
  });

  it('explains what a channel is when there is none, and offers to add one', async () => {
    const { user } = await renderChannels(channelRoutes([]));

    const empty = screen.getByTestId('channel-list-empty');
    expect(empty).toHaveTextContent('No channels yet');
    expect(empty).toHaveTextContent('A channel is one account customers write to');
    await user.click(within(empty).getByRole('button', { name: 'Add channel' }));

    const dialog = await screen.findByRole('dialog', { name: 'Add channel' });
    expect(within(dialog).getAllByRole('radio')).toHaveLength(9);
    expect(within(dialog).getByRole('radio', { name: 'Email' })).toHaveFocus();
  });

  it('adds a Telegram bot: the form of its kind, and the body the API expects', async () => {
    const { user, network } = await renderChannels(channelRoutes([WEBCHAT]));

    const dialog = await startAdding(user, /^Telegram/);
    const name = within(dialog).getByRole('textbox', { name: 'Name' });
    expect(name).toHaveFocus();
    expect(within(dialog).getByTestId('channel-form-help')).toHaveTextContent('@BotFather');
    expect(within(dialog).getByLabelText('Bot token')).toHaveAttribute('type', 'password');
    expect(within(dialog).getByLabelText('API base URL (optional)')).toHaveValue('');

    await user.type(name, 'Support bot');
    await user.selectOptions(
      within(dialog).getByRole('combobox', { name: 'Default team' }),
      'Sales',
    );
    await user.type(within(dialog).getByLabelText('Bot token'), '123456:ABC-DEF');
    await user.type(within(dialog).getByLabelText('Secret token'), 'telegram-secret');
    await user.click(within(dialog).getByRole('button', { name: 'Add channel' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(requestsTo(network, '/api/channels', 'POST').map((request) => request.body)).toEqual([
      {
        kind: 'telegram',
        name: 'Support bot',
        teamId: SALES_ID,
        config: { botToken: '123456:ABC-DEF', secretToken: 'telegram-secret' },
      },
    ]);
    const card = cardOf('Support bot');
    expect(within(card).getByRole('textbox', { name: 'Webhook URL' })).toHaveValue(
      `${ORIGIN}/webhooks/telegram/${NEW_ID}`,
    );
    // The new channel's heading takes the focus the dialog had.
    expect(within(card).getByRole('heading', { level: 3 })).toHaveFocus();
  });

  it('adds a Twilio account with the number, leaving out what is not given', async () => {
    const { user, network } = await renderChannels(channelRoutes([TELEGRAM]));

    const dialog = await startAdding(user, /^SMS \/ WhatsApp \/ calls via Twilio/);
    expect(within(dialog).getByTestId('channel-form-help')).toHaveTextContent(
      'Account SID and Auth Token are in the Twilio Console',
    );
    await user.type(within(dialog).getByRole('textbox', { name: 'Name' }), 'SMS');
    await user.selectOptions(
      within(dialog).getByRole('combobox', { name: 'Default team' }),
      'Service',
    );
    await user.type(within(dialog).getByRole('textbox', { name: 'Account SID' }), 'AC0123456789');
    await user.type(within(dialog).getByLabelText('Auth Token'), 'twilio-auth-token');
    await user.type(
      within(dialog).getByRole('textbox', { name: 'Phone number (optional)' }),
      '+4930123456',
    );
    // Calls: forwarding, greeting and its language are optional, and left out when empty.
    expect(
      within(dialog).getByRole('textbox', { name: 'Forward calls to (optional)' }),
    ).toHaveValue('');
    expect(
      within(dialog).getByRole('textbox', { name: 'Voicemail greeting (optional)' }),
    ).toHaveValue('');
    expect(
      within(dialog).getByRole('textbox', { name: 'Greeting language (optional)' }),
    ).toHaveValue('');
    await user.click(within(dialog).getByRole('button', { name: 'Add channel' }));

    await waitFor(() => expect(requestsTo(network, '/api/channels', 'POST')).toHaveLength(1));
    expect(requestsTo(network, '/api/channels', 'POST')[0]?.body).toEqual({
      kind: 'twilio',
      name: 'SMS',
      teamId: SERVICE_ID,
      config: {
        accountSid: 'AC0123456789',
        authToken: 'twilio-auth-token',
        phoneNumber: '+4930123456',
      },
    });
    const card = await waitFor(() => cardOf('SMS'));
    expect(
      within(card).getByRole('textbox', { name: 'Webhook URL for incoming messages' }),
    ).toHaveValue(`${ORIGIN}/webhooks/twilio/${NEW_ID}`);
    expect(within(card).getByRole('textbox', { name: 'Status callback URL' })).toHaveValue(
      `${ORIGIN}/webhooks/twilio/${NEW_ID}/status`,
    );
    expect(within(card).getByRole('textbox', { name: 'Voice URL (a call comes in)' })).toHaveValue(
      `${ORIGIN}/webhooks/twilio/${NEW_ID}/voice`,
    );
    expect(within(card).getByRole('textbox', { name: 'Call status callback URL' })).toHaveValue(
      `${ORIGIN}/webhooks/twilio/${NEW_ID}/voice/status`,
    );
    expect(within(card).getByText(/“A call comes in” under the number's Voice/)).toBeVisible();
  });

  it('adds a WhatsApp number with an approved template', async () => {
    const { user, network } = await renderChannels(channelRoutes([TELEGRAM]));

    const dialog = await startAdding(user, /^WhatsApp \(Cloud API\)/);
    expect(within(dialog).getByTestId('channel-form-help')).toHaveTextContent('Meta app dashboard');
    await user.type(within(dialog).getByRole('textbox', { name: 'Name' }), 'WhatsApp sales');
    await user.selectOptions(
      within(dialog).getByRole('combobox', { name: 'Default team' }),
      'Sales',
    );
    await user.type(within(dialog).getByRole('textbox', { name: 'Phone number ID' }), '1098765');
    await user.type(within(dialog).getByLabelText('Access token'), 'EAAG-token');
    await user.type(within(dialog).getByLabelText('App secret'), 'app-secret-1');
    await user.type(within(dialog).getByLabelText('Verify token'), 'verify-me-1');
    await user.click(within(dialog).getByRole('button', { name: 'Add template' }));
    const template = within(dialog).getByRole('group', { name: 'Template 1' });
    await user.type(within(template).getByRole('textbox', { name: 'Name' }), 'order_update');
    await user.type(within(template).getByRole('textbox', { name: 'Language' }), 'de');
    await user.type(
      within(template).getByRole('textbox', { name: 'Body text' }),
      'Ihre Bestellung ist unterwegs.',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Add template' }));
    expect(within(dialog).getByRole('group', { name: 'Template 2' })).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Remove template 2' }));
    expect(within(dialog).queryByRole('group', { name: 'Template 2' })).toBeNull();
    await user.click(within(dialog).getByRole('button', { name: 'Add channel' }));

    await waitFor(() => expect(requestsTo(network, '/api/channels', 'POST')).toHaveLength(1));
    expect(requestsTo(network, '/api/channels', 'POST')[0]?.body).toEqual({
      kind: 'whatsapp',
      name: 'WhatsApp sales',
      teamId: SALES_ID,
      config: {
        phoneNumberId: '1098765',
        accessToken: 'EAAG-token',
        appSecret: 'app-secret-1',
        verifyToken: 'verify-me-1',
        templates: [
          { name: 'order_update', language: 'de', body: 'Ihre Bestellung ist unterwegs.' },
        ],
      },
    });
  });

  it('adds a mailbox with its SMTP server as a nested object, and IMAP only when switched on', async () => {
    const { user, network } = await renderChannels(channelRoutes([TELEGRAM]));

    const dialog = await startAdding(user, /^Email/);
    await user.type(within(dialog).getByRole('textbox', { name: 'Name' }), 'Support mailbox');
    await user.selectOptions(
      within(dialog).getByRole('combobox', { name: 'Default team' }),
      'Service',
    );
    await user.type(
      within(dialog).getByRole('textbox', { name: 'Email address' }),
      'Help@Example.com',
    );

    const smtp = within(dialog).getByRole('group', { name: 'Outgoing mail (SMTP)' });
    await user.type(within(smtp).getByRole('textbox', { name: 'Server' }), 'smtp.example.com');
    const port = within(smtp).getByRole('spinbutton', { name: 'Port' });
    expect(port).toHaveValue(587);
    await user.clear(port);
    await user.type(port, '465');
    await user.click(within(smtp).getByRole('checkbox', { name: 'TLS from the start' }));
    await user.type(within(smtp).getByRole('textbox', { name: 'User name (optional)' }), 'help');
    await user.type(within(smtp).getByLabelText('Password (optional)'), 's3cret pass');

    const imap = within(dialog).getByRole('group', { name: 'Incoming mail (IMAP)' });
    expect(within(imap).queryByRole('textbox', { name: 'Server' })).toBeNull();
    await user.click(
      within(imap).getByRole('checkbox', { name: 'Also fetch mail from an IMAP mailbox' }),
    );
    await user.type(within(imap).getByRole('textbox', { name: 'Server' }), 'imap.example.com');

    await user.click(within(dialog).getByRole('button', { name: 'Add channel' }));

    await waitFor(() => expect(requestsTo(network, '/api/channels', 'POST')).toHaveLength(1));
    expect(requestsTo(network, '/api/channels', 'POST')[0]?.body).toEqual({
      kind: 'email',
      name: 'Support mailbox',
      teamId: SERVICE_ID,
      config: {
        address: 'Help@Example.com',
        smtp: {
          host: 'smtp.example.com',
          port: 465,
          secure: true,
          user: 'help',
          pass: 's3cret pass',
        },
        imap: { host: 'imap.example.com', port: 993, secure: true },
      },
    });
  });

  it('checks with the shared schema first: the message shows next to its field and nothing is sent', async () => {
    const { user, network } = await renderChannels(channelRoutes([WEBCHAT]));

    const dialog = await startAdding(user, /^Telegram/);
    await user.type(within(dialog).getByLabelText('Secret token'), 'short');
    await user.click(within(dialog).getByRole('button', { name: 'Add channel' }));

    const name = within(dialog).getByRole('textbox', { name: 'Name' });
    const secret = within(dialog).getByLabelText('Secret token');
    expect(errorOf(name)).toBe('is required');
    expect(errorOf(within(dialog).getByRole('combobox', { name: 'Default team' }))).toBe(
      'is required',
    );
    expect(errorOf(within(dialog).getByLabelText('Bot token'))).toBe('is required');
    expect(errorOf(secret)).toBe(schemaMessage('telegram', 'secretToken', 'short'));
    expect(secret).toHaveAttribute('aria-invalid', 'true');
    expect(within(dialog).getByTestId('channel-form-invalid')).toHaveTextContent(
      'Please correct the marked fields.',
    );
    expect(name).toHaveFocus();
    expect(requestsTo(network, '/api/channels', 'POST')).toHaveLength(0);

    // Corrected, the message goes.
    await user.type(secret, '-and-longer');
    expect(errorOf(secret)).toBe('');
  });

  it("shows the server's complaint next to the field it names, and other trouble in words", async () => {
    let answer = apiError(
      400,
      'channels.invalid_config',
      'config.botToken does not look like a bot token',
    );
    const { user, network } = await renderChannels(
      channelRoutes([WEBCHAT], { 'POST /api/channels': () => answer }),
    );

    const dialog = await startAdding(user, /^Telegram/);
    await user.type(within(dialog).getByRole('textbox', { name: 'Name' }), 'Bot');
    await user.selectOptions(
      within(dialog).getByRole('combobox', { name: 'Default team' }),
      'Sales',
    );
    const token = within(dialog).getByLabelText('Bot token');
    await user.type(token, 'not-a-token');
    await user.type(within(dialog).getByLabelText('Secret token'), 'telegram-secret');
    await user.click(within(dialog).getByRole('button', { name: 'Add channel' }));

    await waitFor(() => expect(errorOf(token)).toBe('does not look like a bot token'));
    expect(token).toHaveFocus();
    expect(screen.getByRole('dialog', { name: 'Add channel' })).toBeInTheDocument();

    // Something the server did not explain: a sentence, never the raw answer.
    answer = jsonResponse(500, {
      statusCode: 500,
      error: 'Internal Server Error',
      message: 'Something went wrong on our side. It has been logged.',
    });
    await user.type(token, '1');
    await user.click(within(dialog).getByRole('button', { name: 'Add channel' }));
    const failure = await within(dialog).findByTestId('channel-form-error');
    expect(failure).toHaveTextContent('The channel could not be saved.');
    expect(failure).toHaveTextContent('Something went wrong. Please try again.');
    expect(failure).not.toHaveTextContent('statusCode');
    expect(requestsTo(network, '/api/channels', 'POST')).toHaveLength(2);
  });

  it('puts a taken inbox address at the address field', async () => {
    const { user } = await renderChannels(
      channelRoutes([EMAIL], {
        'PATCH /api/channels/:id': () =>
          apiError(
            409,
            'channels.address_taken',
            'Another channel already receives mail for sales@example.com',
          ),
      }),
    );

    await user.click(screen.getByRole('button', { name: 'Edit Support mailbox' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit Support mailbox' });
    const address = within(dialog).getByRole('textbox', { name: 'Email address' });
    await user.clear(address);
    await user.type(address, 'sales@example.com');
    await user.click(within(dialog).getByRole('button', { name: 'Save changes' }));

    await waitFor(() =>
      expect(errorOf(address)).toBe('Another channel already receives mail for sales@example.com'),
    );
  });

  it('edits with secrets kept: masked ones are sent back unchanged unless a new one is typed', async () => {
    const { user, network } = await renderChannels(channelRoutes([TELEGRAM, EMAIL]));
    const patches = (id: string) =>
      requestsTo(network, `/api/channels/${id}`, 'PATCH').map((request) => request.body);

    await user.click(screen.getByRole('button', { name: 'Edit Telegram bot' }));
    let dialog = await screen.findByRole('dialog', { name: 'Edit Telegram bot' });
    const token = within(dialog).getByLabelText('Bot token');
    expect(token).toHaveValue('');
    expect(token).toHaveAccessibleDescription(expect.stringContaining('A value is saved.'));
    expect(within(dialog).getByRole('textbox', { name: 'Name' })).toHaveValue('Telegram bot');
    expect(within(dialog).getByRole('button', { name: 'Save changes' })).toBeDisabled();

    await user.type(token, '654321:NEW-TOKEN');
    await user.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(patches(TELEGRAM_ID)).toEqual([
      { config: { botToken: '654321:NEW-TOKEN', secretToken: SECRET_MASK } },
    ]);

    // A change outside the config sends only that.
    await user.click(screen.getByRole('button', { name: 'Edit Telegram bot' }));
    dialog = await screen.findByRole('dialog', { name: 'Edit Telegram bot' });
    await user.selectOptions(
      within(dialog).getByRole('combobox', { name: 'Default team' }),
      'Sales',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(patches(TELEGRAM_ID)).toHaveLength(2));
    expect(patches(TELEGRAM_ID)[1]).toEqual({ teamId: SALES_ID });
    await waitFor(() =>
      expect(within(cardOf('Telegram bot')).getByTestId('channel-team')).toHaveTextContent(
        'Default team: Sales',
      ),
    );

    // A nested secret stays masked while its server moves.
    await user.click(screen.getByRole('button', { name: 'Edit Support mailbox' }));
    dialog = await screen.findByRole('dialog', { name: 'Edit Support mailbox' });
    const smtp = within(dialog).getByRole('group', { name: 'Outgoing mail (SMTP)' });
    const host = within(smtp).getByRole('textbox', { name: 'Server' });
    await user.clear(host);
    await user.type(host, 'mail.example.com');
    await user.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(patches(EMAIL_ID)).toHaveLength(1));
    expect(patches(EMAIL_ID)[0]).toEqual({
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
  });

  it("shows the server's public addresses when it gives them", async () => {
    const publicUrl = 'https://inbox.example.com';
    await renderChannels(
      channelRoutes([
        {
          ...TELEGRAM,
          endpoints: { webhook: `${publicUrl}/webhooks/telegram/${TELEGRAM_ID}` },
        },
        {
          ...FORM,
          endpoints: {
            post: `${publicUrl}/forms/${FORM_ID}`,
            embed: `${publicUrl}/forms/${FORM_ID}/embed`,
          },
        },
      ]),
    );

    expect(
      within(cardOf('Telegram bot')).getByRole('textbox', { name: 'Webhook URL' }),
    ).toHaveValue(`${publicUrl}/webhooks/telegram/${TELEGRAM_ID}`);
    expect(
      within(cardOf('Contact form')).getByRole('textbox', { name: 'Public form page' }),
    ).toHaveValue(`${publicUrl}/forms/${FORM_ID}/embed`);
  });

  it('shows why the provider refused the settings at the field it names, and saves nothing', async () => {
    const reason =
      'Telegram does not accept the bot token (401 Unauthorized): check config.botToken, the token @BotFather gave you. Nothing was saved: correct the settings and save again.';
    const routes = channelRoutes([WEBCHAT]);
    const create = routes['POST /api/channels'];
    if (!create) throw new Error('no POST route');
    const { user, network } = await renderChannels({
      ...routes,
      'POST /api/channels': (request) =>
        (request.body as CreateChannelRequest).config['botToken'] === '123456:WRONG'
          ? apiError(400, 'channels.not_connected', reason)
          : create(request),
    });

    const dialog = await startAdding(user, /^Telegram/);
    await user.type(within(dialog).getByRole('textbox', { name: 'Name' }), 'Support bot');
    await user.selectOptions(
      within(dialog).getByRole('combobox', { name: 'Default team' }),
      'Service',
    );
    const token = within(dialog).getByLabelText('Bot token');
    await user.type(token, '123456:WRONG');
    await user.click(within(dialog).getByRole('button', { name: 'Generate Secret token' }));
    const generated = within(dialog).getByLabelText('Secret token');
    expect(generated).toHaveAttribute('type', 'text');
    const secret = (generated as HTMLInputElement).value;
    expect(secret).toMatch(/^[0-9a-f]{40}$/);
    await user.click(within(dialog).getByRole('button', { name: 'Add channel' }));

    await waitFor(() => expect(errorOf(token)).toBe(reason));
    expect(token).toHaveFocus();
    expect(screen.getAllByTestId('channel-card')).toHaveLength(1);

    // Corrected, the same form saves it.
    await user.clear(token);
    await user.type(token, '123456:RIGHT');
    await user.click(within(dialog).getByRole('button', { name: 'Add channel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(requestsTo(network, '/api/channels', 'POST').map((request) => request.body)).toEqual([
      expect.objectContaining({ config: { botToken: '123456:WRONG', secretToken: secret } }),
      expect.objectContaining({ config: { botToken: '123456:RIGHT', secretToken: secret } }),
    ]);
    expect(screen.getAllByTestId('channel-card')).toHaveLength(2);
  });

  it('says why switching on failed when the provider could not be reached', async () => {
    const reason =
      'Telegram is unavailable right now (502 Bad Gateway): try again in a moment. Nothing was saved; saving again tries again.';
    const { user } = await renderChannels(
      channelRoutes([{ ...TELEGRAM, enabled: false }], {
        'PATCH /api/channels/:id': () =>
          jsonResponse(502, {
            statusCode: 502,
            error: 'Bad Gateway',
            code: 'channels.not_connected',
            message: reason,
          }),
      }),
    );

    const card = cardOf('Telegram bot');
    await user.click(within(card).getByRole('switch', { name: 'Receive messages Telegram bot' }));

    const failure = await within(card).findByTestId('channel-toggle-error');
    expect(failure).toHaveTextContent('Telegram bot could not be switched on or off.');
    expect(failure).toHaveTextContent(reason);
    expect(within(card).getByTestId('channel-status')).toHaveTextContent('Disabled');
  });

  it("tests a channel's connection and shows the answer in the card", async () => {
    const { user, network } = await renderChannels(
      channelRoutes([TELEGRAM, EMAIL], {
        'POST /api/channels/:id/check': (request) =>
          request.params['id'] === TELEGRAM_ID
            ? { ok: false, message: 'Telegram does not accept the bot token (401 Unauthorized)' }
            : { ok: true, message: 'Signed in at smtp.example.com:587' },
      }),
    );

    const telegram = cardOf('Telegram bot');
    await user.click(
      within(telegram).getByRole('button', { name: 'Test connection: Telegram bot' }),
    );
    const problem = await within(telegram).findByTestId('channel-check-result');
    expect(problem).toHaveTextContent('The check found a problem.');
    expect(problem).toHaveTextContent('Telegram does not accept the bot token (401 Unauthorized)');
    expect(problem).toHaveAttribute('role', 'alert');

    const email = cardOf('Support mailbox');
    await user.click(
      within(email).getByRole('button', { name: 'Test connection: Support mailbox' }),
    );
    expect(await within(email).findByTestId('channel-check-result')).toHaveTextContent(
      'The check found no problem.Signed in at smtp.example.com:587',
    );
    expect(requestsTo(network, `/api/channels/${EMAIL_ID}/check`, 'POST')).toHaveLength(1);
  });

  it('switches a channel off and on from the list', async () => {
    const { user, network } = await renderChannels(channelRoutes([TELEGRAM]));

    const card = cardOf('Telegram bot');
    const toggle = within(card).getByRole('switch', { name: 'Receive messages Telegram bot' });
    expect(toggle).toBeChecked();
    await user.click(toggle);

    await waitFor(() =>
      expect(within(card).getByTestId('channel-status')).toHaveTextContent('Disabled'),
    );
    expect(toggle).not.toBeChecked();
    expect(card).toHaveTextContent('it accepts no new messages');
    expect(requestsTo(network, `/api/channels/${TELEGRAM_ID}`, 'PATCH')[0]?.body).toEqual({
      enabled: false,
    });
  });

  it('deletes after asking, and says honestly what happens', async () => {
    const { user, network } = await renderChannels(channelRoutes([TELEGRAM, WEBCHAT]));

    const opener = within(cardOf('Telegram bot')).getByRole('button', {
      name: 'Delete Telegram bot',
    });
    await user.click(opener);
    let dialog = await screen.findByRole('dialog', { name: 'Delete Telegram bot?' });
    expect(dialog).toHaveAccessibleDescription(
      expect.stringContaining('Its webhook address stops working at once'),
    );
    expect(dialog).toHaveTextContent('Only a channel without any messages can be deleted.');
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();

    // Escape closes it without deleting, and the focus returns.
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(opener).toHaveFocus();
    expect(requestsTo(network, `/api/channels/${TELEGRAM_ID}`, 'DELETE')).toHaveLength(0);

    await user.click(opener);
    dialog = await screen.findByRole('dialog', { name: 'Delete Telegram bot?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete channel' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(requestsTo(network, `/api/channels/${TELEGRAM_ID}`, 'DELETE')).toHaveLength(1);
    expect(screen.getAllByTestId('channel-card')).toHaveLength(1);
    expect(screen.getByRole('button', { name: 'Add channel' })).toHaveFocus();
  });

  it('offers to disable a channel the server will not delete because it has conversations', async () => {
    const { user, network } = await renderChannels(
      channelRoutes([TELEGRAM], {
        'DELETE /api/channels/:id': () =>
          apiError(
            409,
            'channels.in_use',
            'This channel has conversations: disable it instead of deleting it',
          ),
      }),
    );

    await user.click(screen.getByRole('button', { name: 'Delete Telegram bot' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete Telegram bot?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete channel' }));

    expect(await within(dialog).findByTestId('channel-delete-in-use')).toHaveTextContent(
      'This channel already has conversations, so it cannot be deleted.',
    );
    expect(within(dialog).queryByRole('button', { name: 'Delete channel' })).toBeNull();
    await user.click(within(dialog).getByRole('button', { name: 'Disable instead' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(requestsTo(network, `/api/channels/${TELEGRAM_ID}`, 'PATCH')[0]?.body).toEqual({
      enabled: false,
    });
    expect(within(cardOf('Telegram bot')).getByTestId('channel-status')).toHaveTextContent(
      'Disabled',
    );
  });

  it.each<[Role, boolean]>([
    ['agent', false],
    ['supervisor', false],
    ['admin', true],
  ])('is there for admins only (%s)', async (role, sees) => {
    signIn();
    const network = installApi(
      channelRoutes([TELEGRAM], { 'GET /api/me': () => userWithRole(role) }),
    );
    renderApp('/settings/channels');

    if (sees) {
      expect(await screen.findByTestId('settings-channels')).toBeInTheDocument();
      expect(await screen.findByTestId('channel-card')).toBeInTheDocument();
      expect(screen.getByRole('link', { name: 'Settings' })).toBeInTheDocument();
    } else {
      expect(await screen.findByTestId('page-no-access')).toBeInTheDocument();
      expect(screen.queryByTestId('settings-channels')).not.toBeInTheDocument();
      expect(screen.queryByRole('link', { name: 'Settings' })).not.toBeInTheDocument();
      expect(network.to('/api/channels')).toHaveLength(0);
    }
  });

  it('reaches the channels from the teams settings through the settings tabs', async () => {
    signIn();
    installApi(channelRoutes([TELEGRAM]));
    const { user, router } = renderApp('/settings');
    await screen.findByTestId('settings-teams');

    await user.click(screen.getByRole('link', { name: 'Channels' }));

    expect(router.state.location.pathname).toBe('/settings/channels');
    expect(await screen.findByTestId('channel-card')).toBeInTheDocument();
    expect(screen.queryByTestId('settings-teams')).not.toBeInTheDocument();
  });

  it('speaks German', async () => {
    window.localStorage.setItem(LOCALE_STORAGE_KEY, 'de');
    const { user } = await renderChannels(channelRoutes([TELEGRAM]));

    expect(screen.getByRole('heading', { level: 2, name: 'Kanäle' })).toBeInTheDocument();
    const card = cardOf('Telegram bot');
    expect(within(card).getByTestId('channel-team')).toHaveTextContent('Standardteam: Service');
    expect(within(card).getByRole('button', { name: 'Webhook-URL kopieren' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Kanal hinzufügen' }));
    const dialog = await screen.findByRole('dialog', { name: 'Kanal hinzufügen' });
    await user.click(within(dialog).getByRole('radio', { name: /^Telegram/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Weiter' }));
    await user.type(within(dialog).getByLabelText('Secret Token'), 'kurz');
    await user.click(within(dialog).getByRole('button', { name: 'Kanal hinzufügen' }));

    expect(errorOf(within(dialog).getByLabelText('Secret Token'))).toBe(
      'muss mindestens 8 Zeichen lang sein',
    );
    expect(errorOf(within(dialog).getByLabelText('Bot-Token'))).toBe('ist erforderlich');
    expect(within(dialog).getByTestId('channel-form-invalid')).toHaveTextContent(
      'Bitte korrigieren Sie die markierten Felder.',
    );
  });
});
