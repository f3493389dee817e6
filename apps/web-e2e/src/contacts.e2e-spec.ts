import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { adminToken, api, poll } from './support/api';
import { sendMail } from './security/customers';
import { launchBrowser, screenshot } from './support/browser';
import { baseUrl } from './support/e2e-env';
import { signIn } from './support/sign-in';

const WIDGET_SECRET = 'e2e-webchat-secret-contacts-0123456789';
/** The customer wrote to the demo's Service mailbox before, then opens the chat anonymously. */
const MARA = { name: 'Mara Meyer', address: 'mara.meyer@beispiel.test' };
const MAIL_TEXT =
  'Guten Tag, die Lieferung zu Bestellung 5820 ist unvollständig: der Lampenschirm fehlt.';
const QUESTION = 'Hallo, wegen Bestellung 5820: fehlt der Lampenschirm noch lange?';

/** A shop's page on a loopback origin of its own, embedding the website chat. */
async function startShop(): Promise<{ server: Server; url: string; embed(id: string): void }> {
  let channelId = '';
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html>
<html lang="de">
  <head><meta charset="utf-8"><title>Lampen Shop</title></head>
  <body>
    <h1>Lampen Shop</h1>
    <script src="${baseUrl()}/widget.js" data-channel="${channelId}" data-lang="de" async></script>
  </body>
</html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return { server, url, embed: (id) => (channelId = id) };
}

interface ConversationListItem {
  id: string;
  preview: { text: string } | null;
}

/**
 * The story: a customer who wrote by email before opens the website chat anonymously. Staff
 * link the chat to her email contact (the address is taken, so the two contacts are merged), merge
 * her two conversations into one thread, and her profile then tells the whole story.
 */
describe('linking an anonymous chat to the customer', () => {
  let browser: Browser;
  let shop: Awaited<ReturnType<typeof startShop>>;
  let visitorContext: BrowserContext;
  let staffContext: BrowserContext;

  beforeAll(async () => {
    const token = await adminToken();
    const teams = await api<{ id: string; name: string }[]>('/api/teams', { token });
    const service = teams.find((t) => t.name === 'Service');
    if (!service) throw new Error('The demo workspace has no team Service');
    shop = await startShop();
    const channel = await api<{ id: string }>('/api/channels', {
      method: 'POST',
      token,
      body: JSON.stringify({
        kind: 'webchat',
        name: 'Lampen Shop',
        teamId: service.id,
        config: { secret: WIDGET_SECRET, allowedOrigins: [new URL(shop.url).origin] },
      }),
    });
    shop.embed(channel.id);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await visitorContext?.close();
    await staffContext?.close();
    await browser?.close();
    await new Promise((r) => shop?.server.close(r));
  });

  it('links the chat by her email, merges both conversations, and shows the whole story', async () => {
    // Supervisors see every conversation, so both of Mara's are theirs to merge.
    const token = (
      await api<{ accessToken: string }>('/api/auth/login', {
        method: 'POST',
        body: JSON.stringify({ email: 'supervisor@example.com', password: 'touchpoint' }),
      })
    ).accessToken;
    // First she writes to the Service mailbox.
    await sendMail({
      inbox: 'service@example.com',
      from: MARA,
      subject: 'Bestellung 5820 unvollständig',
      text: MAIL_TEXT,
    });
    const mail = await poll(async () => {
      const list = await api<{ items: ConversationListItem[] }>(
        '/api/conversations?view=all&channel=email&status=open',
        { token },
      );
      return list.items.find((c) => c.preview?.text.includes('Lampenschirm fehlt'));
    });
    if (!mail) throw new Error('The email never reached the inbox');

    // Then she writes in the chat without saying who she is.
    visitorContext = await browser.newContext({ locale: 'de-DE' });
    const visitor = await visitorContext.newPage();
    await visitor.goto(shop.url);
    await visitor.locator('[data-tp="launcher"]').click();
    const input = visitor.locator('[data-tp="input"]');
    await input.fill(QUESTION);
    await input.press('Enter');
    await visitor
      .locator('[data-tp="message"][data-direction="in"][data-status="sent"]', {
        hasText: QUESTION,
      })
      .waitFor();

    const chat = await poll(async () => {
      const list = await api<{ items: ConversationListItem[] }>(
        '/api/conversations?view=all&channel=webchat&status=open',
        { token },
      );
      return list.items.find((c) => c.preview?.text.includes('fehlt der Lampenschirm'));
    });
    if (!chat) throw new Error('The chat never reached the inbox');

    staffContext = await browser.newContext({
      locale: 'de-DE',
      viewport: { width: 1700, height: 1000 },
    });
    const staff = await staffContext.newPage();
    await signIn(staff, 'supervisor@example.com');
    await staff.goto(`${baseUrl()}/inbox/${chat.id}`);
    const panel = await contactPanel(staff);

    // She gives her email in the chat; it belongs to her earlier contact: merge the two.
    await panel.getByTestId('identity-add').click();
    await panel.getByTestId('add-identity-address').fill(MARA.address);
    await panel.getByTestId('add-identity-submit').click();
    const refusal = panel.getByTestId('add-identity-error');
    await refusal.waitFor();
    await refusal.getByTestId('merge-with-holder').click();
    const dialog = staff.getByTestId('contact-merge-dialog');
    await dialog.waitFor();
    // The contact that already has her email is kept; the anonymous one goes into it.
    expect(await dialog.getByTestId('contact-merge-keep-other').isChecked()).toBe(true);
    expect(await dialog.getByTestId('contact-merge-summary').innerText()).toContain(MARA.name);
    await dialog.getByTestId('contact-merge-note').fill('Hat im Chat ihre E-Mail-Adresse genannt');
    await screenshot(staff, 'contacts-merge-dialog');
    await dialog.getByTestId('contact-merge-submit').click();
    await dialog.waitFor({ state: 'detached' });

    // The panel now shows Mara, with her email conversation beside the chat.
    await panel.getByRole('heading', { name: MARA.name }).waitFor();
    expect(await panel.getByTestId('story-conversation').count()).toBeGreaterThan(1);

    // Her email conversation joins the chat's thread: both messages, the email first.
    await staff.getByTestId('thread-more').click();
    await staff.getByTestId('merge-conversation').click();
    const mergeDialog = staff.getByTestId('merge-dialog');
    await mergeDialog.getByTestId('merge-candidate').filter({ hasText: 'Bestellung 5820' }).click();
    await mergeDialog.getByTestId('merge-submit').click();
    await mergeDialog.waitFor({ state: 'detached' });
    const timeline = staff.getByTestId('timeline');
    await timeline.getByText('der Lampenschirm fehlt').waitFor();
    const texts = await timeline.locator('[data-testid="message"]').allInnerTexts();
    const mailAt = texts.findIndex((t) => t.includes('der Lampenschirm fehlt'));
    const chatAt = texts.findIndex((t) => t.includes(QUESTION));
    expect([mailAt >= 0, chatAt > mailAt]).toEqual([true, true]);
    expect(texts.filter((t) => t.includes(QUESTION))).toHaveLength(1);
    await screenshot(staff, 'contacts-merged-thread');

    // The profile tells the whole story: the thread came in by chat and by email.
    await panel.getByTestId('contact-open-profile').click();
    await staff.getByTestId('page-contact').waitFor();
    await staff.getByRole('heading', { name: MARA.name, level: 1 }).waitFor();
    const thread = staff
      .getByTestId('story-conversation')
      .filter({ has: staff.locator(`a[href="/inbox/${chat.id}"]`) });
    await thread.waitFor();
    const kinds = await thread
      .getByTestId('channel-icon')
      .evaluateAll((icons) => icons.map((icon) => icon.getAttribute('data-kind')));
    expect(kinds).toEqual(expect.arrayContaining(['webchat', 'email']));
    const identities = await staff.getByTestId('identity').allInnerTexts();
    expect(identities.join('\n')).toContain(MARA.address);
    await screenshot(staff, 'contacts-profile-story');
  });
});

/** The contact panel beside the open thread; opened if the screen left it closed. */
async function contactPanel(page: Page) {
  const panel = page.getByTestId('contact-panel');
  const toggle = page.locator('button[aria-controls="contact-panel"][aria-expanded="false"]');
  await page.getByTestId('conversation-thread').waitFor();
  if (await toggle.isVisible()) await toggle.click();
  await panel.waitFor();
  return panel;
}
