import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { adminToken, api, poll, postApiWebhook } from './support/api';
import { launchBrowser, screenshot } from './support/browser';
import { baseUrl } from './support/e2e-env';
import { signIn } from './support/sign-in';

const SECRET = 'e2e-api-channel-secret-0123456789';

/**
 * Owner and specialist in two browsers: Eva pulls in Service, Anna sees the consult arrive live,
 * accepts, suggests a reply, and Eva sends it to the customer with one click.
 */
describe('consult between owner and specialist', () => {
  let browser: Browser;
  let callback: Server;
  const delivered: { text: string }[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    // The custom source's endpoint that receives our replies.
    callback = createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString()));
      req.on('end', () => {
        delivered.push(JSON.parse(raw) as { text: string });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((r) => callback.listen(0, '127.0.0.1', r));
  });
  afterAll(async () => {
    await browser.close();
    await new Promise((r) => callback.close(r));
  });

  it('arrives live, is accepted, and its suggested reply reaches the customer', async () => {
    const admin = { accessToken: await adminToken() };
    const teams = await api<{ id: string; name: string }[]>('/api/teams', {
      token: admin.accessToken,
    });
    const marketing = teams.find((t) => t.name === 'Marketing');
    const channel = await api<{ id: string }>('/api/channels', {
      method: 'POST',
      token: admin.accessToken,
      body: JSON.stringify({
        kind: 'api',
        name: 'Social bridge',
        teamId: marketing?.id,
        config: {
          secret: SECRET,
          callbackUrl: `http://127.0.0.1:${(callback.address() as AddressInfo).port}/replies`,
        },
      }),
    });
    const posted = await postApiWebhook(channel.id, SECRET, {
      id: randomUUID(),
      contact: { email: 'mia@kunde.test', name: 'Mia Meyer' },
      text: 'Meine Bestellung 4711 kam beschädigt an.',
    });
    expect(posted).toBe(202);
    const conversationId = await poll(async () => {
      const list = await api<{ items: { id: string; contact: { name: string } }[] }>(
        '/api/conversations?view=all',
        { token: admin.accessToken },
      );
      return list.items.find((c) => c.contact.name === 'Mia Meyer')?.id ?? '';
    }, 10_000);
    expect(conversationId).not.toBe('');

    const evaContext = await browser.newContext({
      locale: 'en-US',
      viewport: { width: 1400, height: 900 },
    });
    const annaContext = await browser.newContext({
      locale: 'en-US',
      viewport: { width: 1400, height: 900 },
    });
    const eva = await evaContext.newPage();
    const anna = await annaContext.newPage();
    await signIn(eva, 'eva@example.com');
    await signIn(anna, 'anna@example.com');
    await anna.goto(`${baseUrl()}/handoffs`);
    await anna.getByTestId('page-handoffs').waitFor();

    // Eva claims the conversation from Marketing's queue and pulls in Service.
    await eva.goto(`${baseUrl()}/inbox`);
    await eva
      .getByRole('button', { name: /unassigned/i })
      .first()
      .click()
      .catch(() => undefined);
    await eva.getByText('Mia Meyer').first().click();
    await eva.getByTestId('claim').click();
    await eva.getByTestId('conversation-owner').waitFor();
    await eva.getByTestId('pull-in').click();
    await eva.getByTestId('pull-in-dialog').waitFor();
    await eva.getByTestId('pull-in-target').selectOption({ label: 'Service' });
    await eva
      .getByTestId('pull-in-note')
      .fill('Bestellung 4711 beschädigt angekommen, bitte Ersatz prüfen.');
    await eva.getByTestId('pull-in-submit').click();
    await eva.getByTestId('pull-in-result').waitFor();
    await eva.getByRole('dialog').getByRole('button', { name: 'Close' }).last().click();
    await eva.getByRole('dialog').waitFor({ state: 'detached' });
    await eva.getByTestId('handoff-card').waitFor();

    // Anna sees it arrive without reloading, and accepts.
    // The demo's own consult waits in the same queue: pick ours by its customer.
    const row = anna.getByTestId('handoff-row').filter({ hasText: 'Mia Meyer' });
    await row.waitFor({ timeout: 15000 });
    expect(await row.innerText()).toContain('Mia Meyer');
    await screenshot(anna, 'handoff-specialist-queue');
    await row.getByTestId('handoff-accept').click();
    await poll(async () => {
      const handoffs = await api<{ status: string }[]>(
        `/api/conversations/${conversationId}/handoffs`,
        { token: admin.accessToken },
      );
      return handoffs[0]?.status === 'accepted';
    });
    const [accepted] = await api<{ status: string; assignee: { name: string } | null }[]>(
      `/api/conversations/${conversationId}/handoffs`,
      {
        token: admin.accessToken,
      },
    );
    expect(accepted).toMatchObject({ status: 'accepted', assignee: { name: 'Anna Schmidt' } });
    // Eva's bell counts the acceptance; the panel names who accepted.
    const badge = eva.getByTestId('notifications-badge');
    await badge.waitFor({ timeout: 15000 });
    expect(Number(await badge.innerText())).toBeGreaterThanOrEqual(1);
    await eva.getByTestId('notifications-bell').click();
    const panel = eva.getByTestId('notifications-panel');
    await panel.waitFor();
    expect(await panel.innerText()).toContain('Anna Schmidt');
    await screenshot(eva, 'handoff-owner-notifications');
    await eva.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });

    await anna.goto(`${baseUrl()}/inbox/${conversationId}`);
    await anna.getByTestId('composer').waitFor();
    // Eva sees Anna open the conversation and type.
    await eva
      .getByTestId('conversation-viewers')
      .getByText(/Anna Schmidt is viewing/)
      .waitFor({ timeout: 15000 });
    // The mode switch is a segmented control: its radio inputs are visually hidden behind their labels.
    await anna.getByRole('radio', { name: 'Suggest reply' }).check({ force: true });
    await anna.getByTestId('composer-input').fill('Wir senden Ihnen kostenlos Ersatz für 4711.');
    const typing = eva.getByTestId('typing-indicator');
    await typing.getByText(/Anna Schmidt/).waitFor({ timeout: 15000 });
    await screenshot(eva, 'handoff-owner-sees-specialist-typing');
    await anna.getByTestId('composer-send').click();

    // Eva gets the suggestion live and sends it with one click.
    const send = eva.getByTestId('suggestion-send');
    await send.waitFor({ timeout: 15000 });
    await screenshot(eva, 'handoff-owner-suggestion');
    await send.click();
    await eva.getByTestId('suggestion-sent').waitFor();
    await poll(async () =>
      delivered.some((d) => d.text === 'Wir senden Ihnen kostenlos Ersatz für 4711.'),
    );
    expect(delivered.map((d) => d.text)).toEqual(['Wir senden Ihnen kostenlos Ersatz für 4711.']);
    await screenshot(eva, 'handoff-owner-sent');
    await evaContext.close();
    await annaContext.close();
  });
});
