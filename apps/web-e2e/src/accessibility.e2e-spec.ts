import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AxeResults, Result } from 'axe-core';
import type { Browser, Page } from 'playwright-core';
import { adminToken, api } from './support/api';
import { launchBrowser, screenshot } from './support/browser';
import { baseUrl, workspaceRoot } from './support/e2e-env';
import { signIn } from './support/sign-in';

declare global {
  interface Window {
    axe: { run(context: Document): Promise<AxeResults> };
  }
}

const AXE_SCRIPT = require.resolve('axe-core/axe.min.js');
const THEMES = ['light', 'dark'] as const;
/** Screenshots the README shows. */
const DOCS_SCREENSHOTS = join(workspaceRoot, 'docs/screenshots');

async function firstConversation(): Promise<{ id: string; contact: { id: string } }> {
  const list = await api<{ items: { id: string; contact: { id: string } }[] }>(
    '/api/conversations?view=all',
    { token: await adminToken() },
  );
  expect(list.items.length).toBeGreaterThan(0);
  return list.items[0];
}

/** Runs axe-core on the page as it is; its serious and critical violations, one line each. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE_SCRIPT });
  const results = await page.evaluate(() => window.axe.run(document));
  return results.violations
    .filter((v: Result) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v: Result) =>
      v.nodes.map(
        (node) =>
          `${v.impact} ${v.id}: ${v.help} at ${node.target.join(' ')} (${node.failureSummary?.replace(/\s+/g, ' ') ?? ''})`,
      ),
    );
}

/**
 * Every page passes axe-core without a serious or critical violation, in the light and the dark
 * theme (the dark one as the system's `prefers-color-scheme` asks for it): the login, the inbox
 * with a thread open, handoffs, supervisor, journeys, satisfaction, goals, contacts and a profile,
 * each settings tab, the account
 * page and the public /demo page. Colour contrast included.
 */
describe('accessibility', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());

  it.each(THEMES)('has no serious or critical axe violations in the %s theme', async (theme) => {
    const conversation = await firstConversation();

    const context = await browser.newContext({
      locale: 'en-US',
      colorScheme: theme,
      // the app's CSP forbids inline scripts; axe-core is added by the test only
      bypassCSP: true,
      viewport: { width: 1280, height: 900 },
    });
    const page = await context.newPage();
    const found: string[] = [];
    const check = async (name: string, ready: () => Promise<unknown>) => {
      await ready();
      // the page's data is in: no skeleton left
      await page.locator('.tp-skeleton').first().waitFor({ state: 'detached' });
      await screenshot(page, `a11y-${theme}-${name}`);
      for (const violation of await seriousViolations(page)) found.push(`${name}: ${violation}`);
    };

    await page.goto(`${baseUrl()}/login`);
    await check('login', () => page.locator('input[name="email"]').waitFor());
    await expect(page.evaluate(() => document.documentElement.dataset['theme'])).resolves.toBe(
      theme,
    );

    await signIn(page, 'admin@example.com');
    await page.goto(`${baseUrl()}/inbox/${conversation.id}`);
    await check('inbox-thread', () => page.getByTestId('composer').waitFor());
    // A dialog: labelled, checked like a page, and Escape gives focus back to its button.
    const pullIn = page.getByTestId('pull-in');
    await pullIn.click();
    await check('pull-in-dialog', () => page.getByTestId('pull-in-dialog').waitFor());
    await expect(page.getByRole('dialog', { name: /Pull in/ }).isVisible()).resolves.toBe(true);
    await page.keyboard.press('Escape');
    await page.getByTestId('pull-in-dialog').waitFor({ state: 'detached' });
    await expect(pullIn.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    if (theme === 'dark') {
      await page.getByTestId('view-all').click();
      await page.getByTestId('conversation-list').waitFor();
      mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: join(DOCS_SCREENSHOTS, 'dark-inbox.png') });
    }

    const pages: [string, string, string][] = [
      ['handoffs', '/handoffs', 'page-handoffs'],
      ['supervisor', '/supervisor', 'page-supervisor'],
      ['journeys', '/journeys', 'page-journeys'],
      ['satisfaction', '/journeys/satisfaction', 'page-journeys'],
      ['goals', '/goals', 'page-goals'],
      ['contacts', '/contacts', 'page-contacts'],
      ['contact-profile', `/contacts/${conversation.contact.id}`, 'page-contact'],
      ['settings-teams', '/settings', 'page-settings'],
      ['settings-users', '/settings/users', 'page-settings'],
      ['settings-channels', '/settings/channels', 'page-settings'],
      ['settings-integrations', '/settings/integrations', 'page-settings'],
      ['settings-audit', '/settings/audit', 'page-settings'],
      ['settings-ai', '/settings/ai', 'page-settings'],
      ['settings-satisfaction', '/settings/satisfaction', 'page-settings'],
      ['account', '/account', 'page-account'],
    ];
    for (const [name, path, testId] of pages) {
      await page.goto(`${baseUrl()}${path}`);
      await check(name, () => page.getByTestId(testId).waitFor());
    }

    await page.goto(`${baseUrl()}/demo`);
    await check('demo', () => page.locator('main, body').first().waitFor());

    expect(found).toEqual([]);
    await context.close();
  });

  it('keeps the inbox usable on a tablet: list and thread side by side, the panel closable', async () => {
    const conversation = await firstConversation();
    const context = await browser.newContext({
      locale: 'en-US',
      viewport: { width: 820, height: 1180 },
    });
    const page = await context.newPage();
    await signIn(page, 'admin@example.com');
    await page.goto(`${baseUrl()}/inbox/${conversation.id}`);
    await page.getByTestId('composer').waitFor();
    await page.getByTestId('view-all').click();
    await page.getByTestId('conversation-list').waitFor();

    const list = await page.locator('.tp-inbox__list').boundingBox();
    const thread = await page.getByTestId('conversation-thread').boundingBox();
    expect(list && thread && list.x + list.width <= thread.x + 1).toBe(true);
    expect(thread && thread.width >= 400).toBe(true);

    // The contact panel opens over the list, never over Send, and its close button closes it.
    const panel = page.getByTestId('contact-panel');
    if (!(await panel.isVisible())) await page.locator('[aria-controls="contact-panel"]').click();
    await panel.waitFor();
    const send = await page.getByTestId('composer-send').boundingBox();
    const panelBox = await panel.boundingBox();
    expect(send && panelBox && panelBox.x + panelBox.width <= send.x).toBe(true);
    await screenshot(page, 'a11y-tablet-contact-panel');
    await panel.getByRole('button', { name: 'Close contact details' }).click();
    await panel.waitFor({ state: 'detached' });
    mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(DOCS_SCREENSHOTS, 'tablet-inbox.png') });
    await context.close();
  });
});
