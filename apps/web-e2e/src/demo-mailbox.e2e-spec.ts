import type { Browser } from 'playwright-core';
import { adminToken, api, poll } from './support/api';
import { launchBrowser, screenshot } from './support/browser';
import { baseUrl } from './support/e2e-env';
import { signIn } from './support/sign-in';

/**
 * A fresh demo answers by email with nothing else installed: Anna replies to Jonas's email, the
 * reply arrives in the customers' mailbox on /demo, and Jonas's answer from there comes back into
 * Anna's thread live.
 */
describe("the demo customers' mailbox", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());

  it('delivers an email reply and brings the customer’s answer back into the thread', async () => {
    const token = await adminToken();
    const jonas = await poll(async () => {
      const list = await api<{ items: { id: string; contact: { name: string } }[] }>(
        '/api/conversations?view=all',
        { token },
      );
      return list.items.find((c) => c.contact.name === 'Jonas Becker')?.id ?? '';
    }, 15_000);
    expect(jonas).not.toBe('');

    const context = await browser.newContext({
      locale: 'de-DE',
      viewport: { width: 1400, height: 900 },
    });
    const anna = await context.newPage();
    await signIn(anna, 'anna@example.com');
    await anna.goto(`${baseUrl()}/inbox/${jonas}`);
    await anna.getByTestId('claim').click();
    const reply = 'Guten Tag Herr Becker, die korrigierte Rechnung über 2 Stühle ist unterwegs.';
    await anna.getByTestId('composer-input').fill(reply);
    await anna.getByTestId('composer-send').click();
    // Sent through the demo's relay, not failed after its timeout.
    await anna
      .locator('[data-testid="message"]', { hasText: reply })
      .locator('[data-testid="delivery-status"][data-status="sent"]')
      .waitFor({ timeout: 20_000 });

    const customer = await context.newPage();
    await customer.goto(`${baseUrl()}/demo#mailbox`);
    const mail = customer.locator('#mailbox article', { hasText: reply });
    await mail.waitFor();
    expect(await mail.innerText()).toContain('jonas.becker@example.net');
    await screenshot(customer, 'demo-mailbox-reply-arrived');

    const answer = 'Vielen Dank, die Rechnung ist angekommen und stimmt jetzt.';
    await mail.locator('textarea[name="text"]').fill(answer);
    await mail.getByRole('button', { name: 'Antwort senden' }).click();
    await customer.waitForURL(/\/demo#mailbox$/);
    await customer
      .locator('#mailbox article', { hasText: reply })
      .getByText('Beantwortet')
      .waitFor();

    await anna.getByTestId('timeline').getByText(answer).waitFor({ timeout: 20_000 });
    await screenshot(anna, 'demo-mailbox-answer-in-thread');
    await context.close();
  }, 120_000);
});
