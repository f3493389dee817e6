import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { adminToken, api, poll, postApiWebhook } from './support/api';
import { launchBrowser, screenshot } from './support/browser';
import { baseUrl } from './support/e2e-env';
import { signIn } from './support/sign-in';

const SECRET = 'e2e-long-thread-secret-0123456789';
const MESSAGES = 130;

/** The seqs of the messages the thread shows, in order. */
function shownSeqs(page: Page): Promise<number[]> {
  return page
    .locator('[data-testid="timeline"] [data-testid="message"]')
    .evaluateAll((items) => items.map((item) => Number((item as HTMLElement).dataset['seq'])));
}

/**
 * A customer who wrote 130 times: the thread opens at the newest messages, and reading back to
 * the top brings the earlier ones in above without moving what the agent looks at.
 */
describe('a long thread', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());

  it('opens at its end and reads back in pages, keeping the place', async () => {
    const token = await adminToken();
    const teams = await api<{ id: string; name: string }[]>('/api/teams', { token });
    const channel = await api<{ id: string }>('/api/channels', {
      method: 'POST',
      token,
      body: JSON.stringify({
        kind: 'api',
        name: 'Long thread source',
        teamId: teams.find((t) => t.name === 'Service')?.id,
        config: { secret: SECRET, callbackUrl: 'http://127.0.0.1:9/replies' },
      }),
    });
    for (let i = 1; i <= MESSAGES; i += 1) {
      const status = await postApiWebhook(channel.id, SECRET, {
        id: randomUUID(),
        contact: { email: 'lena@lang.test', name: 'Lena Lang' },
        text: `Nachricht ${i} von ${MESSAGES}`,
      });
      expect(status).toBe(202);
    }
    const conversation = await poll(async () => {
      const list = await api<{
        items: { id: string; lastSeq: number; contact: { name: string } }[];
      }>('/api/conversations?view=all', { token });
      const found = list.items.find((c) => c.contact.name === 'Lena Lang');
      return found && found.lastSeq >= MESSAGES ? found : undefined;
    }, 60_000);
    if (!conversation) throw new Error('the 130 messages did not arrive within a minute');

    const context = await browser.newContext({
      locale: 'en-US',
      viewport: { width: 1400, height: 900 },
    });
    const page = await context.newPage();
    await signIn(page, 'supervisor@example.com');
    await page.goto(`${baseUrl()}/inbox/${conversation.id}`);
    await page.getByText(`Nachricht ${MESSAGES} von ${MESSAGES}`).waitFor();

    // The newest page only, ending with the last message (an SLA or assignment event may follow it).
    const opened = await shownSeqs(page);
    expect(opened.length).toBeLessThanOrEqual(50);
    expect(
      await page
        .locator(`[data-testid="timeline"] [data-testid="message"][data-seq="${opened.at(-1)}"]`)
        .innerText(),
    ).toContain(`Nachricht ${MESSAGES} von ${MESSAGES}`);
    expect(opened[0]).toBeGreaterThan(1);
    await page.getByRole('button', { name: 'Show earlier messages' }).waitFor();
    await screenshot(page, 'thread-long-opened');

    // Scrolled to the top: the page before comes in above, and the message that was first
    // stays where the reader saw it.
    const anchor = page.locator(`[data-testid="message"][data-seq="${opened[0]}"]`);
    const timeline = page.getByTestId('timeline');
    const toTop = () =>
      timeline.evaluate((element, seq) => {
        element.scrollTop = 0;
        // Measured at once, before the scroll event asks for the older page.
        return element.querySelector(`[data-seq="${seq}"]`)?.getBoundingClientRect().top ?? NaN;
      }, opened[0]);
    const before = await toTop();
    await poll(async () => (await shownSeqs(page)).length > opened.length);
    const after = (await anchor.boundingBox())?.y ?? NaN;
    expect(Math.abs(after - before)).toBeLessThanOrEqual(4);
    expect((await shownSeqs(page))[0]).toBeLessThan(opened[0]);
    await screenshot(page, 'thread-long-read-back');

    // On to the first message, a page at a time.
    const first = page.getByText(`Nachricht 1 von ${MESSAGES}`);
    for (let i = 0; i < 5 && !(await first.count()); i += 1) {
      const count = (await shownSeqs(page)).length;
      await toTop();
      await poll(async () => (await shownSeqs(page)).length > count, 10_000);
    }
    await first.waitFor();
    const all = await shownSeqs(page);
    expect(all).toHaveLength(MESSAGES);
    expect(all).toEqual([...all].sort((a, b) => a - b));
    expect(await page.getByRole('button', { name: 'Show earlier messages' }).count()).toBe(0);
    await context.close();
  }, 180_000);
});
