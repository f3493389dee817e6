import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { adminToken, api, poll, postApiWebhook } from './support/api';
import { launchBrowser, screenshot } from './support/browser';
import { signIn } from './support/sign-in';

const SECRET = 'e2e-keyboard-channel-secret-0123456789';

/**
 * An agent works a conversation without the mouse: the shortcut help, the command palette to find
 * the customer, a note, the pull-in dialog and Escape, and resolving; at 1400 px the contact panel
 * opens over the list instead of over Send.
 */
describe('keyboard first', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());

  it('works a conversation from the keyboard', async () => {
    const admin = await adminToken();
    const teams = await api<{ id: string; name: string }[]>('/api/teams', { token: admin });
    const channel = await api<{ id: string }>('/api/channels', {
      method: 'POST',
      token: admin,
      body: JSON.stringify({
        kind: 'api',
        name: 'Keyboard bridge',
        teamId: teams.find((team) => team.name === 'Marketing')?.id,
        config: { secret: SECRET, callbackUrl: 'http://127.0.0.1:9/replies' },
      }),
    });
    const name = `Jonas Tastatur ${randomUUID().slice(0, 4)}`;
    expect(
      await postApiWebhook(channel.id, SECRET, {
        id: randomUUID(),
        contact: { email: `jonas-${randomUUID().slice(0, 8)}@kunde.test`, name },
        text: 'Wann kommt meine Lieferung?',
      }),
    ).toBe(202);
    const conversationId = await poll(async () => {
      const list = await api<{ items: { id: string; contact: { name: string } }[] }>(
        '/api/conversations?view=all',
        { token: admin },
      );
      return list.items.find((c) => c.contact.name === name)?.id ?? '';
    });
    expect(conversationId).not.toBe('');
    const eva = await api<{ accessToken: string }>('/api/auth/login', {
      method: 'POST',
      body: JSON.stringify({ email: 'eva@example.com', password: 'touchpoint' }),
    });
    await api(`/api/conversations/${conversationId}/claim`, {
      method: 'POST',
      token: eva.accessToken,
    });

    const context = await browser.newContext({
      locale: 'en-US',
      viewport: { width: 1400, height: 900 },
    });
    const page = await context.newPage();
    await signIn(page, 'eva@example.com');

    // ? lists the shortcuts; Escape closes the list.
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: /Keyboard shortcuts|Tastenkürzel/ });
    await help.waitFor();
    await screenshot(page, 'keyboard-shortcut-help');
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });

    // Ctrl+K finds the customer by name and opens the conversation.
    await page.keyboard.press('Control+k');
    const palette = page.getByTestId('command-palette');
    await palette.waitFor();
    await page.keyboard.type(name);
    await palette.getByRole('option', { name: new RegExp(name) }).waitFor();
    await screenshot(page, 'keyboard-command-palette');
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/inbox/${conversationId}`));
    await page.getByTestId('composer').waitFor();

    // n: a note, sent with Ctrl+Enter.
    await page.keyboard.press('n');
    const input = page.getByTestId('composer-input');
    await expect(input.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await page.keyboard.type('Lieferung ist unterwegs, Sendungsnummer folgt.');
    await page.keyboard.press('Control+Enter');
    await page.getByText('Lieferung ist unterwegs, Sendungsnummer folgt.').first().waitFor();
    await input.evaluate((el) => (el as HTMLElement).blur());

    // At 1400 px the contact panel, opened, lies over the list: Send and the thread stay uncovered.
    const toggle = page.locator('button[aria-controls="contact-panel"][aria-expanded="false"]');
    if (await toggle.isVisible()) await toggle.click();
    const send = await page.getByTestId('composer-send').boundingBox();
    const panel = await page.getByTestId('contact-panel').boundingBox();
    if (!send || !panel) throw new Error('Send or the contact panel is not on screen');
    const overlaps =
      panel.x < send.x + send.width &&
      send.x < panel.x + panel.width &&
      panel.y < send.y + send.height &&
      send.y < panel.y + panel.height;
    expect(overlaps).toBe(false);
    await screenshot(page, 'keyboard-contact-panel-1400');

    // p opens the pull-in dialog; Escape closes it.
    await page.keyboard.press('p');
    const pullIn = page.getByTestId('pull-in-dialog');
    await pullIn.waitFor();
    await page.keyboard.press('Escape');
    await pullIn.waitFor({ state: 'detached' });

    // e resolves it.
    await page.keyboard.press('e');
    const resolved = await poll(async () => {
      const conversation = await api<{ status: string }>(`/api/conversations/${conversationId}`, {
        token: admin,
      });
      return conversation.status === 'resolved';
    });
    expect(resolved).toBe(true);
    await screenshot(page, 'keyboard-resolved');
    await context.close();
  });
});
