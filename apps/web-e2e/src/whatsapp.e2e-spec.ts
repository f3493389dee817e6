import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, screenshot } from './support/browser';
import { baseUrl } from './support/e2e-env';
import { FakeGraphApi, type GraphRequest } from './support/fake-graph-api';
import {
  postMetaWebhook,
  whatsappStatusWebhook,
  whatsappTextWebhook,
} from './support/meta-webhooks';
import { signIn } from './support/sign-in';

const APP_SECRET = 'e2e-whatsapp-app-secret-0123456789';
const CHANNEL_NAME = 'WhatsApp Vertrieb';
const CUSTOMER = { name: 'Jürgen Groß', number: '4915112345678' };
// Umlauts, an emoji outside the BMP (Meta sends it as a surrogate pair) and a slash (sent as \/).
const QUESTION = 'Grüß Gott! Meine Bestellung 4711/B ist noch nicht angekommen – wo bleibt sie? 😊';
const ANSWER =
  'Hallo Herr Groß, Ihre Bestellung 4711/B ist unterwegs und kommt morgen früh bei Ihnen an. 😊';

/**
 * WhatsApp Cloud API end to end: an admin adds the channel through Settings → Channels, pointing
 * it at a fake Graph API on loopback; a signed webhook brings a customer's message, which an agent
 * of the channel's team sees arrive live and answers; the reply reaches the Graph API, and the
 * signed status webhooks move it to Delivered and Read in front of the agent.
 */
describe('WhatsApp Cloud API channel', () => {
  let browser: Browser;
  let graph: FakeGraphApi;
  const contexts: BrowserContext[] = [];

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({
      locale: 'en-US',
      viewport: { width: 1400, height: 900 },
    });
    contexts.push(context);
    return context.newPage();
  }

  beforeAll(async () => {
    // The server reaches it because the e2e server allows 127.0.0.1 (OUTBOUND_ALLOW_HOSTS, see
    // support/global-setup.ts) on any port.
    graph = await new FakeGraphApi().start();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await graph?.stop();
  });

  it('is added in the settings, brings a message live, and shows the reply delivered and read', async () => {
    const number = graph.addNumber();

    // 1. Alex Admin adds the channel through the form and sees the callback URL to paste at Meta.
    const admin = await newPage();
    await signIn(admin, 'admin@example.com');
    await admin.getByTestId('main-nav').getByRole('link', { name: 'Settings' }).click();
    await admin
      .getByRole('navigation', { name: 'Settings areas' })
      .getByRole('link', { name: 'Channels' })
      .click();
    await admin.getByTestId('settings-channels').waitFor();
    await admin.getByTestId('channel-add').click();
    const dialog = admin.getByRole('dialog', { name: 'Add channel' });
    await dialog.getByRole('radio', { name: 'WhatsApp (Cloud API)' }).check();
    await dialog.getByRole('button', { name: 'Continue' }).click();
    const form = dialog.locator('[data-testid="channel-form"][data-kind="whatsapp"]');
    await form.waitFor();
    await form.getByTestId('channel-name').fill(CHANNEL_NAME);
    await form.getByTestId('channel-team').selectOption({ label: 'Sales' });
    await form.getByTestId('channel-config-phoneNumberId').fill(number.phoneNumberId);
    await form.getByTestId('channel-config-accessToken').fill(number.accessToken);
    await form.getByTestId('channel-config-appSecret').fill(APP_SECRET);
    // The verify token is the admin's own invention: the form makes one up and shows it.
    await form.getByRole('button', { name: 'Generate Verify token' }).click();
    const verifyTokenInput = form.getByTestId('channel-config-verifyToken');
    await admin.waitForFunction(
      (input) => (input as HTMLInputElement).value.length === 40,
      await verifyTokenInput.elementHandle(),
    );
    const verifyToken = await verifyTokenInput.inputValue();
    await form.getByTestId('channel-config-apiBaseUrl').fill(graph.url);
    await screenshot(admin, 'whatsapp-1a-channel-form');
    const created = admin.waitForResponse(
      (res) => res.url() === `${baseUrl()}/api/channels` && res.request().method() === 'POST',
    );
    await form.getByTestId('channel-form-save').click();
    expect((await created).status()).toBe(201);
    await dialog.waitFor({ state: 'detached' });

    const card = admin
      .getByTestId('channel-card')
      .filter({ has: admin.getByRole('heading', { name: CHANNEL_NAME }) });
    await card.waitFor();
    const channelId = (await card.getAttribute('data-channel-id')) ?? '';
    expect(channelId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await card.getByTestId('channel-kind').innerText()).toContain('WhatsApp (Cloud API)');
    expect(await card.getByTestId('channel-team').innerText()).toContain('Sales');
    const callbackUrl = `${baseUrl()}/webhooks/meta/${channelId}`;
    expect(await card.getByTestId('channel-connect-metaCallback').inputValue()).toBe(callbackUrl);
    // "Check" asks the (fake) Graph API about the number with the saved token.
    await card.getByTestId('channel-check').click();
    const checked = card.getByTestId('channel-check-result');
    await checked.waitFor();
    expect(await checked.innerText()).toContain('WhatsApp number +49 30 1234567, Beispiel GmbH');
    // The whole card in view, down to the hint on where to paste the URL.
    await card.scrollIntoViewIfNeeded();
    await screenshot(admin, 'whatsapp-1b-channel-listed');

    // Saving the callback URL at Meta: Meta's handshake with the verify token is answered.
    const handshake = await fetch(
      `${callbackUrl}?hub.mode=subscribe&hub.verify_token=${verifyToken}&hub.challenge=1158201444`,
    );
    expect(handshake.status).toBe(200);
    expect(await handshake.text()).toBe('1158201444');

    // 2. David Becker (Sales) waits in his Unassigned view; the customer writes on WhatsApp.
    const agent = await newPage();
    await signIn(agent, 'david@example.com');
    const listed = agent.waitForResponse(
      (res) => /\/api\/conversations\?.*view=unassigned/.test(res.url()) && res.ok(),
    );
    await agent.getByTestId('view-unassigned').click();
    await listed;
    await agent
      .locator('[data-testid="conversation-list"], [data-testid="conversation-list-empty"]')
      .waitFor();
    // Gone after a reload: proves the conversation arrives in this very document.
    await agent.evaluate(() => Object.assign(window, { tpE2eSameDocument: true }));

    const inbound = await postMetaWebhook(
      channelId,
      whatsappTextWebhook({
        phoneNumberId: number.phoneNumberId,
        from: CUSTOMER.number,
        name: CUSTOMER.name,
        wamid: 'wamid.HBgNNDkxNTExMjM0NTY3OBUCABIYFDNBMDFFMkU4QkE5QzE3RjNCMDI0AA==',
        text: QUESTION,
      }),
      APP_SECRET,
    );
    expect(inbound.status).toBe(200);
    expect(await inbound.json()).toEqual({ ok: true, received: 1, duplicates: 0 });

    const item = agent.getByTestId('conversation-item').filter({ hasText: CUSTOMER.name });
    await item.waitFor({ timeout: 15000 });
    expect(await item.innerText()).toContain(QUESTION);
    await item.click();
    await agent.getByTestId('thread-contact').getByText(CUSTOMER.name).waitFor();
    const question = agent.getByTestId('message').filter({ hasText: QUESTION });
    await question.waitFor();
    expect(await question.getAttribute('data-type')).toBe('inbound');
    expect(await question.getByTestId('message-channel').innerText()).toContain(CHANNEL_NAME);
    await screenshot(agent, 'whatsapp-2-conversation-arrived');

    // 3. David answers; the reply goes to the Graph API as a WhatsApp text to the customer.
    const sent = graph.waitForRequest((r) => r.method === 'POST' && r.edge === 'messages');
    await agent.getByTestId('composer-input').fill(ANSWER);
    await agent.getByTestId('composer-send').click();
    const call: GraphRequest = await sent;
    expect(call.path).toMatch(new RegExp(`^/v\\d+\\.\\d+/${number.phoneNumberId}/messages$`));
    expect(call.token).toBe(number.accessToken);
    expect(call.json).toMatchObject({
      messaging_product: 'whatsapp',
      to: CUSTOMER.number,
      type: 'text',
      text: { body: ANSWER },
    });
    expect(call.status).toBe(200);
    const [{ id: wamid }] = call.answer.messages as { id: string }[];

    // The reply's status follows it live: Sent once Meta took it, then Delivered, then Read.
    const reply = agent.getByTestId('message').filter({ hasText: ANSWER });
    const status = reply.getByTestId('delivery-status');
    await reply.locator('[data-testid="delivery-status"][data-status="sent"]').waitFor();
    for (const next of ['delivered', 'read'] as const) {
      const posted = await postMetaWebhook(
        channelId,
        whatsappStatusWebhook({
          phoneNumberId: number.phoneNumberId,
          wamid,
          status: next,
          recipient: CUSTOMER.number,
        }),
        APP_SECRET,
      );
      expect(posted.status).toBe(200);
      await reply
        .locator(`[data-testid="delivery-status"][data-status="${next}"]`)
        .waitFor({ timeout: 15000 });
      expect((await status.innerText()).trim()).toBe(next === 'read' ? 'Read' : 'Delivered');
      await screenshot(agent, `whatsapp-3${next === 'delivered' ? 'a' : 'b'}-reply-${next}`);
    }

    expect(await agent.evaluate(() => 'tpE2eSameDocument' in window)).toBe(true);
    // One reply, sent once.
    expect(graph.requests.filter((r) => r.edge === 'messages')).toHaveLength(1);
  });
});
