import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot } from './support/browser';
import { workspaceRoot } from './support/e2e-env';
import { signIn } from './support/sign-in';

const DOCS_SCREENSHOTS = join(workspaceRoot, 'docs/screenshots');
/** The demo's touchpoint manager. */
const MANAGER = 'maria@example.com';

async function docsScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(DOCS_SCREENSHOTS, `${name}.png`) });
}

/**
 * Maria, the demo's touchpoint manager, opens the journeys of the demo's generated history: where
 * customers enter, where they wait and where they leave, in one page. She follows a number of the
 * diagram to the conversations behind it and opens one, read-only; then the satisfaction results
 * and the goals every team shares.
 */
describe('journeys', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());

  it('shows the journey diagram, follows a number to its conversations, and the goals', async () => {
    const context = await browser.newContext({
      locale: 'en-US',
      viewport: { width: 1440, height: 1000 },
    });
    const page = await context.newPage();
    await signIn(page, MANAGER);

    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Journeys' })
      .click();
    const flow = page.getByTestId('journey-flow');
    await flow.waitFor();
    await page.locator('.tp-skeleton').first().waitFor({ state: 'detached' });
    // Where they enter, and where they leave: entries on the left, outcomes on the right.
    await expect(
      flow.locator('[data-testid^="journey-node-entry:"]').count(),
    ).resolves.toBeGreaterThan(1);
    for (const outcome of ['one_touch', 'abandoned', 'reopened'])
      await expect(flow.getByTestId(`journey-node-outcome:${outcome}`).count()).resolves.toBe(1);
    // Where they wait: the moments, worst first, each with its median.
    const moments = page.getByTestId('journey-moment');
    await expect(moments.count()).resolves.toBeGreaterThan(1);
    // A step nobody answered ranks first; the others say how long customers waited.
    expect(await moments.allInnerTexts()).toContainEqual(expect.stringMatching(/median \d/));
    await docsScreenshot(page, 'journeys');
    await screenshot(page, 'journeys-page');

    // A step of the diagram: its number is what the drill-down lists.
    const edge = flow.locator('[data-testid^="journey-edge-hop:0:entry:"]').first();
    const button = edge.getByRole('button');
    const count = Number(await button.innerText());
    expect(count).toBeGreaterThan(0);
    await button.click();
    const drill = page.getByTestId('journey-drill');
    await drill.waitFor();
    const rows = drill.getByTestId('journey-drill-row');
    await rows.first().waitFor();
    // Every page but the last is full; load them all and count.
    const more = drill.getByTestId('journey-drill-more');
    while (await more.isVisible()) {
      const before = await rows.count();
      await more.click();
      await page.waitForFunction(
        (n) => document.querySelectorAll('[data-testid="journey-drill-row"]').length > n,
        before,
      );
    }
    await expect(rows.count()).resolves.toBe(count);
    await docsScreenshot(page, 'journeys-drill-down');

    const first = rows.first().getByRole('link');
    await first.click();
    await page.waitForURL(/\/inbox\/[0-9a-f-]{36}$/);
    // The manager reads the thread; there is no composer to answer from.
    await page.getByTestId('thread-header').waitFor();
    await expect(page.getByTestId('composer').count()).resolves.toBe(0);

    await page.goBack();
    await page.getByTestId('journeys-area-satisfaction').click();
    await page.getByTestId('satisfaction-view').waitFor();
    await page.locator('.tp-skeleton').first().waitFor({ state: 'detached' });
    await docsScreenshot(page, 'satisfaction');

    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Goals' })
      .click();
    await page.getByTestId('page-goals').waitFor();
    await page.locator('.tp-skeleton').first().waitFor({ state: 'detached' });
    // The demo's two agreed goals, each with its value against its target.
    await expect(page.getByTestId('goal-value').count()).resolves.toBeGreaterThanOrEqual(2);
    await docsScreenshot(page, 'goals');
    await context.close();
  });
});
