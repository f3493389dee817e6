import type { Browser, BrowserContext, Page } from 'playwright-core';
import { baseUrl } from '../support/e2e-env';
import { signIn } from '../support/sign-in';
import { armedMarkup, recordDialogs, type DialogHit } from './page-audit';
import type { Setup, Thread } from './xss-corpus';

/** Tabs that open conversations side by side (the server answers them in parallel). */
const TABS = 3;
/** Longest wait for one conversation to show (a broken one is reported, the others still opened). */
const WAIT_MS = 15_000;

/**
 * Opens the team's list as `email`, then every conversation with the contact panel beside it, in
 * `TABS` tabs that take the next conversation as they finish one; finds armed markup on the way and
 * collects the attachment links each conversation shows.
 */
export async function browseInbox(
  context: BrowserContext,
  email: string,
  setup: Setup,
  threads: Thread[],
): Promise<{
  armed: string[];
  unshown: string[];
  attachmentLinks: string[];
  text: string[];
  page: Page;
}> {
  const page = await context.newPage();
  await signIn(page, email);
  await page.getByTestId(`view-team:${setup.teamId}`).click();
  const items = page.locator('[data-testid="conversation-item"]');
  // The list pages by 50: load until every conversation of the team is in it.
  for (;;) {
    await items.first().waitFor();
    const shown = await items.count();
    if (shown >= threads.length) break;
    await page.getByTestId('load-more').click();
    await items.nth(shown).waitFor();
  }
  const armed = await armedMarkup(page);
  const attachmentLinks: string[] = [];
  const text = [(await page.getByTestId('conversation-list').textContent()) ?? ''];

  const unshown: string[] = [];
  const queue = [...threads];
  const tab = async (tabPage: Page) => {
    let panelOpen = false;
    for (let thread = queue.shift(); thread; thread = queue.shift()) {
      try {
        // Followed as an in-app link is (the list of another tab's view need not hold it).
        await tabPage.evaluate((path) => {
          history.pushState(null, '', path);
          dispatchEvent(new PopStateEvent('popstate'));
        }, `/inbox/${thread.id}`);
        if (!panelOpen) {
          await tabPage
            .locator('button[aria-controls="contact-panel"][aria-expanded="false"]')
            .click({ timeout: WAIT_MS });
          panelOpen = true;
        }
        // The panel marks this conversation as the current one only once the pane shows it; the
        // timeline of the one before is gone by then.
        await tabPage
          .locator(
            `[data-testid="contact-conversation"][aria-current="page"][href="/inbox/${thread.id}"]`,
          )
          .waitFor({ state: 'attached', timeout: WAIT_MS });
        await tabPage
          .locator('[data-testid="timeline"] [data-testid="message"]')
          .nth(thread.messages - 1)
          .waitFor({ state: 'attached', timeout: WAIT_MS });
        // Quoted history is shown as a person would open it.
        const closed = tabPage.locator('.tp-quoted__toggle[aria-expanded="false"]');
        while ((await closed.count()) > 0) await closed.first().click({ timeout: WAIT_MS });
        for (const frame of await tabPage.locator('[data-testid="email-body"]').all())
          await (await (await frame.elementHandle()).contentFrame())?.waitForLoadState('load');
        armed.push(...(await armedMarkup(tabPage)).map((f) => `conversation ${thread?.id}: ${f}`));
        const hrefs = await tabPage
          .locator('[data-testid="timeline"] [data-testid="attachment"]')
          .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
        if (hrefs.length !== thread.attachments)
          throw new Error(`${hrefs.length} of its ${thread.attachments} attachments are shown`);
        attachmentLinks.push(...hrefs);
        for (const part of ['conversation-thread', 'contact-panel'])
          text.push((await tabPage.getByTestId(part).textContent({ timeout: WAIT_MS })) ?? '');
      } catch (err) {
        // A payload that breaks the page fails the test here; what ran is reported with it.
        unshown.push(`conversation ${thread.id}: ${(err as Error).message.split('\n')[0]}`);
        await tabPage.goto(`${baseUrl()}/inbox`);
        await tabPage.getByTestId('app-shell').waitFor();
        panelOpen = false;
      }
    }
  };
  const others = await Promise.all(
    Array.from({ length: TABS - 1 }, async () => {
      const other = await context.newPage();
      await other.goto(`${baseUrl()}/inbox`);
      await other.getByTestId('app-shell').waitFor();
      return other;
    }),
  );
  await Promise.all([page, ...others].map(tab));
  await Promise.all(others.map((other) => other.close()));
  return { armed, unshown, attachmentLinks, text, page };
}

/**
 * Opens each attachment link in a tab of its own, as a browser does (the api's headers apply): a file
 * is downloaded or shown, and nothing in it runs.
 */
export async function openAttachments(
  browser: Browser,
  links: string[],
  dialogs: DialogHit[],
): Promise<{ shown: number; downloaded: number; armed: string[] }> {
  const context = await browser.newContext({ acceptDownloads: true });
  recordDialogs(context, dialogs);
  const result = { shown: 0, downloaded: 0, armed: [] as string[] };
  const queue = [...links];
  const tab = async () => {
    const page = await context.newPage();
    for (let link = queue.shift(); link !== undefined; link = queue.shift()) {
      const download = page.waitForEvent('download', { timeout: 15_000 }).catch(() => null);
      const response = await page.goto(new URL(link, baseUrl()).toString()).catch((err: Error) => {
        if (/Download is starting|net::ERR_ABORTED/.test(err.message)) return null;
        throw err;
      });
      if (response) {
        if (!response.ok()) throw new Error(`${link} answered ${response.status()}`);
        await page.waitForLoadState('load');
        result.armed.push(...(await armedMarkup(page)).map((f) => `${link}: ${f}`));
        result.shown += 1;
      } else {
        if (!(await download)) throw new Error(`${link} neither showed nor downloaded`);
        result.downloaded += 1;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: TABS }, tab));
  } finally {
    await context.close();
  }
  return result;
}
