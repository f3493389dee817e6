import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext } from 'playwright-core';
import { adminToken, api } from './support/api';
import { launchBrowser, screenshot } from './support/browser';
import { baseUrl } from './support/e2e-env';
import { signIn } from './support/sign-in';

const WIDGET_SECRET = 'e2e-webchat-secret-0123456789';

/** A customer's website on a loopback origin of its own, embedding the chat as the channel's setup says. */
async function startShop(): Promise<{
  server: Server;
  url: string;
  embed(channelId: string): void;
}> {
  let channelId = '';
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html>
<html lang="de">
  <head><meta charset="utf-8"><title>Beispiel Shop</title>
    <style>body { font: 16px Georgia, serif; margin: 40px; } button { all: unset; }</style>
  </head>
  <body>
    <h1>Beispiel Shop</h1>
    <p>Gartenmöbel, Grills und mehr.</p>
    <script src="${baseUrl()}/widget.js" data-channel="${channelId}" data-lang="de" async></script>
  </body>
</html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return { server, url, embed: (id) => (channelId = id) };
}

describe('website chat', () => {
  let browser: Browser;
  let shop: Awaited<ReturnType<typeof startShop>>;
  let visitorContext: BrowserContext;
  let agentContext: BrowserContext;

  beforeAll(async () => {
    const accessToken = await adminToken();
    const teams = await api<{ id: string; name: string }[]>('/api/teams', { token: accessToken });
    const service = teams.find((t) => t.name === 'Service');
    if (!service) throw new Error('The demo workspace has no team Service');
    // The channel admits the shop's origin only.
    shop = await startShop();
    const origin = new URL(shop.url).origin;
    const channel = await api<{ id: string }>('/api/channels', {
      method: 'POST',
      token: accessToken,
      body: JSON.stringify({
        kind: 'webchat',
        name: 'Website',
        teamId: service.id,
        config: {
          secret: WIDGET_SECRET,
          allowedOrigins: [origin],
          greeting: 'Hallo! Wie können wir helfen?',
        },
      }),
    });
    shop.embed(channel.id);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await visitorContext?.close();
    await agentContext?.close();
    await browser?.close();
    await new Promise((r) => shop?.server.close(r));
  });

  it('a visitor writes, Anna sees it live and answers, the visitor sees the answer', async () => {
    visitorContext = await browser.newContext({
      locale: 'de-DE',
      viewport: { width: 1100, height: 800 },
    });
    const visitor = await visitorContext.newPage();
    await visitor.goto(shop.url);
    const launcher = visitor.locator('[data-tp="launcher"]');
    await launcher.click();
    expect(await launcher.getAttribute('aria-expanded')).toBe('true');
    await visitor
      .locator('[data-tp="greeting"]')
      .getByText('Hallo! Wie können wir helfen?')
      .waitFor();
    // Nobody of team Service is online yet: the visitor may leave an email address.
    await visitor.locator('[data-tp="presence"]').getByText('Gerade ist niemand online').waitFor();
    await visitor.locator('[data-tp="email-input"]').waitFor();
    await screenshot(visitor, 'widget-visitor-offline');

    agentContext = await browser.newContext({
      locale: 'de-DE',
      viewport: { width: 1400, height: 900 },
    });
    const agent = await agentContext.newPage();
    await signIn(agent, 'anna@example.com');
    await agent.getByTestId('view-unassigned').click();

    const question = 'Hallo, ist der Gartentisch Modell Lisboa noch lieferbar?';
    const input = visitor.locator('[data-tp="input"]');
    await input.fill(question);
    await input.press('Enter');
    const own = visitor.locator('[data-tp="message"][data-direction="in"]', { hasText: question });
    await own.waitFor();
    await visitor
      .locator('[data-tp="message"][data-direction="in"][data-status="sent"]', {
        hasText: question,
      })
      .waitFor();

    // Anna is online now: the visitor learns it with the answer to its message.
    await visitor.locator('[data-tp="presence"]').getByText('Wir sind online').waitFor();
    expect(await visitor.locator('[data-tp="email-form"]').isHidden()).toBe(true);

    // Anna's unassigned list shows it without a reload.
    const item = agent.getByTestId('conversation-item').filter({ hasText: question });
    await item.waitFor({ timeout: 15000 });
    await screenshot(agent, 'widget-agent-inbox');
    await item.click();
    await agent.getByTestId('timeline').getByText(question).waitFor();

    const answer = 'Ja, Modell Lisboa ist ab Lager lieferbar, in 3 bis 5 Werktagen bei Ihnen.';
    await agent.getByTestId('composer-input').fill(answer);
    await agent.getByTestId('composer-send').click();
    await agent.getByTestId('timeline').getByText(answer).waitFor();

    const reply = visitor.locator('[data-tp="message"][data-direction="out"]', { hasText: answer });
    await reply.waitFor({ timeout: 15000 });
    expect(await reply.innerText()).toContain('Anna Schmidt');
    await screenshot(agent, 'widget-agent-answered');
    await screenshot(visitor, 'widget-visitor-answered');

    // A reload shows the same thread (session kept in localStorage), each message once.
    await visitor.reload();
    await visitor.locator('[data-tp="launcher"]').click();
    await visitor
      .locator('[data-tp="message"][data-direction="out"]', { hasText: answer })
      .waitFor();
    expect(await visitor.locator('[data-tp="message"]').count()).toBe(2);
  });
});
