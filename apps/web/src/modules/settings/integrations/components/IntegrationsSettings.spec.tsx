import { screen, waitFor, within } from '@testing-library/react';
import type {
  ApiTokenDto,
  CreateApiTokenRequest,
  CreateWebhookRequest,
  WebhookDeliveryDto,
  WebhookDto,
} from '@touchpoint/shared';
import { LOCALE_STORAGE_KEY } from '../../../../lib/i18n';
import { installApi, type Routes } from '../../../../../test/fake-api';
import { jsonResponse } from '../../../../../test/fetch-mock';
import { signIn, userWithRole } from '../../../../../test/fixtures';
import { renderApp } from '../../../../../test/render-app';

const HOOK_ID = '5d0c8a9e-2b7f-4e1a-9c3d-6f5e4a3b2c1d';
const NEW_ID = '7e6d5c4b-3a2f-4e1d-8c9b-0a1f2e3d4c5b';
const FAILED_ID = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const TOKEN_ID = '9c8b7a6d-5e4f-4d3c-9b2a-1f0e9d8c7b6a';

const WEBHOOK: WebhookDto = {
  id: HOOK_ID,
  url: 'https://crm.example.com/touchpoint',
  description: 'CRM',
  events: ['conversation.created', 'message.created'],
  includeNotes: false,
  active: true,
  createdAt: '2026-01-05T09:00:00.000Z',
  updatedAt: '2026-01-05T09:00:00.000Z',
};

const FAILED: WebhookDeliveryDto = {
  id: FAILED_ID,
  webhookId: HOOK_ID,
  eventType: 'message.created',
  status: 'failed',
  attempts: 6,
  nextAttemptAt: null,
  lastStatusCode: 500,
  lastError: 'Answered 500 Internal Server Error',
  lastDurationMs: 40,
  createdAt: '2026-01-05T10:00:00.000Z',
  deliveredAt: null,
};

function integrationRoutes(overrides: Routes = {}): Routes {
  let webhooks = [WEBHOOK];
  let tokens: ApiTokenDto[] = [];
  let deliveries = [FAILED];
  return {
    'GET /api/me': () => userWithRole('admin'),
    'GET /api/webhooks': () => webhooks,
    'POST /api/webhooks': (request) => {
      const body = request.body as CreateWebhookRequest;
      const created: WebhookDto = {
        ...WEBHOOK,
        id: NEW_ID,
        url: body.url,
        description: body.description ?? '',
        events: body.events,
        includeNotes: body.includeNotes ?? false,
      };
      webhooks = [...webhooks, created];
      return jsonResponse(201, {
        ...created,
        secret: 'whsec_c2VjcmV0LWtleS1vZi10aGUtd2ViaG9vaw==',
      });
    },
    'GET /api/webhooks/:id/deliveries': () => deliveries,
    'POST /api/webhooks/deliveries/:id/redeliver': () => {
      deliveries = [
        { ...FAILED, status: 'delivered', attempts: 7, lastStatusCode: 200, lastError: null },
      ];
      return deliveries[0] as WebhookDeliveryDto;
    },
    'GET /api/api-tokens': () => tokens,
    'POST /api/api-tokens': (request) => {
      const body = request.body as CreateApiTokenRequest;
      const created: ApiTokenDto = {
        id: TOKEN_ID,
        name: body.name,
        scopes: body.scopes,
        createdBy: { id: 'admin', name: 'Ada Admin' },
        createdAt: '2026-01-05T11:00:00.000Z',
        lastUsedAt: null,
        expiresAt: body.expiresAt ?? null,
        revokedAt: null,
      };
      tokens = [created];
      return jsonResponse(201, { ...created, token: 'tp_secret-token-value-0123456789abcdef' });
    },
    'POST /api/api-tokens/:id/revoke': () => {
      tokens = tokens.map((t) => ({ ...t, revokedAt: '2026-01-05T12:00:00.000Z' }));
      return tokens[0] as ApiTokenDto;
    },
    ...overrides,
  };
}

async function renderIntegrations(routes: Routes) {
  signIn();
  const network = installApi(routes);
  const app = renderApp('/settings/integrations');
  await screen.findByTestId('settings-integrations');
  return { ...app, network };
}

const posts = (network: { to(path: string): { method: string; body: unknown }[] }, path: string) =>
  network.to(path).filter((r) => r.method === 'POST');

describe('Integrations settings', () => {
  afterEach(() => window.localStorage.removeItem(LOCALE_STORAGE_KEY));

  it('shows a webhook’s delivery log and redelivers a failed delivery', async () => {
    const { user, network } = await renderIntegrations(integrationRoutes());
    const card = await screen.findByTestId('webhook-card');
    expect(within(card).getByRole('heading', { level: 3 })).toHaveTextContent(WEBHOOK.url);
    expect(within(card).getByTestId('webhook-events')).toHaveTextContent(
      'conversation.created, message.created',
    );

    await user.click(within(card).getByRole('button', { name: 'Show deliveries' }));
    const row = await within(card).findByTestId('webhook-delivery');
    expect(within(row).getByTestId('webhook-delivery-status')).toHaveTextContent('Failed');
    expect(within(row).getByTestId('webhook-delivery-response')).toHaveTextContent(
      '500 · Answered 500 Internal Server Error',
    );
    expect(row).toHaveTextContent('6');

    await user.click(within(row).getByRole('button', { name: /Redeliver message.created/ }));
    await waitFor(() =>
      expect(within(card).getByTestId('webhook-delivery-status')).toHaveTextContent('Delivered'),
    );
    expect(posts(network, `/api/webhooks/deliveries/${FAILED_ID}/redeliver`)).toHaveLength(1);
  });

  it('adds a webhook and shows its signing secret once', async () => {
    const { user, network } = await renderIntegrations(integrationRoutes());
    await user.click(await screen.findByRole('button', { name: 'Add webhook' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add webhook' });

    await user.type(within(dialog).getByLabelText('URL'), 'ftp://example.com');
    await user.click(within(dialog).getByRole('checkbox', { name: 'All events' }));
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(within(dialog).getByText('Enter an http or https URL')).toBeInTheDocument();
    expect(
      within(dialog).getByText('Choose at least one event, or all events'),
    ).toBeInTheDocument();
    expect(posts(network, '/api/webhooks')).toHaveLength(0);

    await user.clear(within(dialog).getByLabelText('URL'));
    await user.type(within(dialog).getByLabelText('URL'), 'https://erp.example.com/hooks');
    await user.click(within(dialog).getByRole('checkbox', { name: 'contact.merged' }));
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    const secret = await within(dialog).findByTestId('secret-value');
    expect(secret).toHaveValue('whsec_c2VjcmV0LWtleS1vZi10aGUtd2ViaG9vaw==');
    expect(within(dialog).getByText('Copy it now: it is shown only this once')).toBeInTheDocument();
    expect(posts(network, '/api/webhooks')[0]?.body).toMatchObject({
      url: 'https://erp.example.com/hooks',
      events: ['contact.merged'],
      includeNotes: false,
      active: true,
    });

    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(screen.getAllByTestId('webhook-card')).toHaveLength(2));
    expect(document.body).not.toHaveTextContent('whsec_');
  });

  it('creates an API token with scopes, shows it once, and revokes it', async () => {
    const { user, network } = await renderIntegrations(integrationRoutes());
    expect(await screen.findByTestId('api-token-list-empty')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Create token' }));
    const dialog = await screen.findByRole('dialog', { name: 'Create token' });

    await user.click(within(dialog).getByRole('button', { name: 'Create token' }));
    expect(within(dialog).getByText('Give the token a name')).toBeInTheDocument();
    expect(within(dialog).getByText('Choose at least one scope')).toBeInTheDocument();

    await user.type(within(dialog).getByLabelText('Name'), 'CRM sync');
    await user.click(within(dialog).getByRole('checkbox', { name: /conversations:read/ }));
    await user.click(within(dialog).getByRole('checkbox', { name: /contacts:read/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Create token' }));

    expect(await within(dialog).findByTestId('secret-value')).toHaveValue(
      'tp_secret-token-value-0123456789abcdef',
    );
    expect(posts(network, '/api/api-tokens')[0]?.body).toEqual({
      name: 'CRM sync',
      scopes: ['conversations:read', 'contacts:read'],
      expiresAt: null,
    });
    await user.click(within(dialog).getByRole('button', { name: 'Done' }));

    const row = await screen.findByTestId('api-token-row');
    expect(row).toHaveTextContent('CRM sync');
    expect(row).toHaveTextContent('conversations:read');
    expect(row).toHaveTextContent('Ada Admin');
    expect(document.body).not.toHaveTextContent('tp_secret');

    await user.click(within(row).getByRole('button', { name: 'Revoke CRM sync' }));
    const confirm = await screen.findByRole('dialog', { name: 'Revoke CRM sync' });
    await user.click(within(confirm).getByRole('button', { name: 'Revoke token' }));
    await waitFor(() => expect(screen.getByTestId('api-token-row')).toHaveTextContent('revoked'));
    expect(within(screen.getByTestId('api-token-row')).queryByRole('button')).toBeNull();
  });

  it('speaks German', async () => {
    window.localStorage.setItem(LOCALE_STORAGE_KEY, 'de');
    await renderIntegrations(integrationRoutes());
    expect(await screen.findByRole('link', { name: 'Integrationen' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: 'API-Tokens' })).toBeInTheDocument();
    expect(await screen.findByRole('button', { name: 'Zustellungen zeigen' })).toBeInTheDocument();
  });
});
