import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { AssistCallDto } from '@touchpoint/shared';
import type { Browser } from 'playwright-core';
import { adminToken, api, poll, postApiWebhook } from './support/api';
import { launchBrowser, screenshot } from './support/browser';
import { E2E_ENV, workspaceRoot } from './support/e2e-env';
import { startE2eServer, stopE2eServer, type E2eServer } from './support/e2e-server';
import { FakeModel, type ModelCall } from './support/fake-model';
import { signIn } from './support/sign-in';

const SECRET = 'e2e-assist-channel-secret-0123456789';
const DOCS_SCREENSHOTS = join(workspaceRoot, 'docs/screenshots');

const POLISH =
  'Dzień dobry, moje zamówienie 4711 jeszcze nie dotarło. Kiedy mogę się go spodziewać?';
const OTHER_CUSTOMER = 'Bitte stornieren Sie meine Rechnung 9931.';
const ENGLISH_DRAFT = 'We are checking parcel 4711 with the carrier and will write to you today.';
const POLISH_TRANSLATION =
  'Sprawdzamy przesyłkę 4711 u przewoźnika i napiszemy do Pani jeszcze dziś.';
const POLISH_DRAFT =
  'Dzień dobry, bardzo przepraszamy za opóźnienie. Sprawdzamy przesyłkę 4711 i odezwiemy się dziś.';
const HANDOFF_DRAFT =
  'The customer (Polish) asks when order 4711 arrives; it has not come yet. Nothing promised so far. Open: the delivery date.';

/** What the model answers, by what it was asked (the system prompt names the task). */
function modelAnswer({ system }: ModelCall): string {
  if (system.includes('handoff note')) return HANDOFF_DRAFT;
  if (system.includes('Summarise this conversation'))
    return '- Order 4711 has not arrived\n- The customer asks for a delivery date\n- Next: ask the carrier';
  if (system.includes('Choose the one team'))
    return '{"team": "Sales", "reason": "Sales handles orders and delivery dates."}';
  if (system.includes('Draft the agent’s next reply')) return POLISH_DRAFT;
  if (system.includes('Translate the reply')) return POLISH_TRANSLATION;
  if (system.includes('Translate the customer service message'))
    return 'Good morning, my order 4711 has not arrived yet. When can I expect it?';
  return 'Unexpected request';
}

/**
 * AI help as an agent uses it, against a model server on loopback: a Polish customer's message
 * translated, the conversation summarised, a colleague pulled in with a drafted (and edited) note
 * and a suggested team, and the customer answered in Polish. This server has AI configured; the
 * shared one of the other browser tests has not, and they see no AI buttons.
 */
describe('AI assistance in the inbox', () => {
  let browser: Browser;
  let model: FakeModel;
  let server: E2eServer;
  let callback: Server;
  let sharedUrl: string | undefined;
  const delivered: { text: string }[] = [];

  beforeAll(async () => {
    model = await new FakeModel(modelAnswer).start();
    callback = createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString()));
      req.on('end', () => {
        delivered.push(JSON.parse(raw) as { text: string });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((r) => callback.listen(0, '127.0.0.1', r));
    server = await startE2eServer({
      AI_BASE_URL: model.baseUrl,
      AI_API_KEY: 'e2e-model-key',
      AI_MODEL: 'e2e-model',
    });
    // The helpers talk to the server the environment names: this file's own while it runs.
    sharedUrl = process.env[E2E_ENV.baseUrl];
    process.env[E2E_ENV.baseUrl] = server.url;
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    process.env[E2E_ENV.baseUrl] = sharedUrl;
    await browser?.close();
    if (server) await stopE2eServer(server);
    await model?.stop();
    await new Promise((r) => callback.close(r));
  });

  it('translates, summarises, drafts the handoff note and answers a Polish customer in Polish', async () => {
    const admin = await adminToken();
    const teams = await api<{ id: string; name: string }[]>('/api/teams', { token: admin });
    const service = teams.find((t) => t.name === 'Service');
    const channel = await api<{ id: string }>('/api/channels', {
      method: 'POST',
      token: admin,
      body: JSON.stringify({
        kind: 'api',
        name: 'Shop',
        teamId: service?.id,
        config: {
          secret: SECRET,
          callbackUrl: `http://127.0.0.1:${(callback.address() as AddressInfo).port}/replies`,
        },
      }),
    });
    for (const [email, name, text] of [
      ['zofia@klient.test', 'Zofia Nowak', POLISH],
      ['otto@kunde.test', 'Otto Other', OTHER_CUSTOMER],
    ])
      expect(
        await postApiWebhook(channel.id, SECRET, {
          id: randomUUID(),
          contact: { email, name },
          text,
        }),
      ).toBe(202);
    const conversationId = await poll(async () => {
      const list = await api<{ items: { id: string; contact: { name: string } }[] }>(
        '/api/conversations?view=all',
        { token: admin },
      );
      return list.items.find((c) => c.contact.name === 'Zofia Nowak')?.id ?? '';
    }, 10_000);
    expect(conversationId).not.toBe('');

    const context = await browser.newContext({
      locale: 'en-US',
      viewport: { width: 1440, height: 900 },
    });
    const page = await context.newPage();
    await signIn(page, 'anna@example.com');
    await page.goto(`${server.url}/inbox/${conversationId}`);
    await page.getByTestId('claim').click();
    await page.getByTestId('conversation-owner').waitFor();

    // The customer's message in the agent's language, the original one click away.
    await page.getByTestId('translate-message').click();
    const translated = page.getByTestId('message-translated');
    await translated.getByText('my order 4711 has not arrived yet').waitFor();
    await page.getByTestId('translation-toggle').click();
    await page.getByTestId('message').getByText(POLISH).waitFor();
    await page.getByTestId('translation-toggle').click();
    await translated.waitFor();

    // A summary for whoever joins.
    await page.getByTestId('summarise').click();
    const summary = page.getByTestId('summary-text');
    await summary.getByText('Next: ask the carrier').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('summary-dialog').waitFor({ state: 'detached' });

    // Pulling in Sales: a suggested team and a drafted note the agent edits before sending.
    await page.getByTestId('pull-in').click();
    await page.getByTestId('pull-in-dialog').waitFor();
    await page.getByTestId('suggest-team').click();
    await page.getByTestId('team-suggestion').getByText(/Sales/).waitFor();
    await page.getByTestId('draft-summary').click();
    const note = page.getByTestId('pull-in-note');
    await poll(async () => (await note.inputValue()) === HANDOFF_DRAFT, 10_000);
    expect(await note.inputValue()).toBe(HANDOFF_DRAFT);
    await note.press('End');
    await note.pressSequentially(' Please confirm the date with the carrier.');
    await page.getByTestId('pull-in-target').selectOption({ label: 'Sales' });
    await page.screenshot({ path: join(DOCS_SCREENSHOTS, 'assist-handoff-draft.png') });
    await page.getByTestId('pull-in-submit').click();
    await page.getByTestId('pull-in-result').waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    const [handoff] = await api<{ note: string; team: { name: string } | null }[]>(
      `/api/conversations/${conversationId}/handoffs`,
      { token: admin },
    );
    expect(handoff).toMatchObject({
      note: `${HANDOFF_DRAFT} Please confirm the date with the carrier.`,
      team: { name: 'Sales' },
    });

    // A reply draft in the customer's language, never sent by itself.
    const input = page.getByTestId('composer-input');
    await page.getByTestId('draft-reply').click();
    await poll(async () => (await input.inputValue()) === POLISH_DRAFT, 10_000);
    expect(await input.inputValue()).toBe(POLISH_DRAFT);
    expect(delivered).toEqual([]);

    // The agent's own English words, turned into Polish, then sent.
    await input.fill(ENGLISH_DRAFT);
    await page.getByTestId('translate-draft').click();
    await poll(async () => (await input.inputValue()) === POLISH_TRANSLATION, 10_000);
    await page.getByTestId('translate-draft-undo').waitFor();
    await page.screenshot({ path: join(DOCS_SCREENSHOTS, 'assist-polish-reply.png') });
    await page.getByTestId('composer-send').click();
    await poll(async () => delivered.length > 0, 15_000);
    expect(delivered.map((d) => d.text)).toEqual([POLISH_TRANSLATION]);
    await screenshot(page, 'assist-after-reply');

    // Only the conversation at hand went to the model; each call is in the audit, without content.
    expect(model.calls.length).toBe(6);
    expect(model.calls.some((c) => c.user.includes(OTHER_CUSTOMER))).toBe(false);
    const draftCall = model.calls.find((c) => c.system.includes('Draft the agent’s next reply'));
    expect(draftCall?.user).toContain(POLISH);
    const calls = await api<AssistCallDto[]>('/api/assist/calls', { token: admin });
    expect(calls.map((c) => c.feature).sort()).toEqual([
      'handoff_summary',
      'reply_draft',
      'summary',
      'team_suggestion',
      'translate',
      'translate',
    ]);
    expect(calls.every((c) => c.outcome === 'completed' && c.user?.name === 'Anna Schmidt')).toBe(
      true,
    );
    await context.close();
  });
});
