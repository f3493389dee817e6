import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshot } from './support/browser';
import { baseUrl } from './support/e2e-env';

describe('signing in', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());

  it('the demo supervisor signs in and sees the live shell', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${baseUrl()}/`);
    await page.waitForURL(/\/login$/);
    await screenshot(page, 'login-page');

    await page.locator('input[name="email"]').fill('supervisor@example.com');
    await page.locator('input[name="password"]').fill('touchpoint');
    await page.locator('button[type="submit"]').click();

    await page.getByTestId('app-shell').waitFor();
    await page.waitForURL(/\/inbox$/);
    await expectText(page.getByTestId('current-user'), 'Sabine Supervisor');
    await page
      .locator('[data-testid="connection-status"][data-state="connected"]')
      .waitFor({ timeout: 15000 });
    // Supervisors see the Supervisor view in the navigation.
    await page
      .getByRole('link', { name: /supervisor/i })
      .first()
      .waitFor();
    const shot = await screenshot(page, 'supervisor-shell');
    expect(existsSync(shot)).toBe(true);
    await context.close();
  });

  it('a wrong password shows an error and stays on the login page (German browser)', async () => {
    const context = await browser.newContext({ locale: 'de-DE' });
    const page = await context.newPage();
    await page.goto(`${baseUrl()}/login`);
    await page.locator('input[name="email"]').fill('anna@example.com');
    await page.locator('input[name="password"]').fill('falsch-falsch');
    await page.locator('button[type="submit"]').click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toMatch(/E-Mail oder Passwort/i);
    expect(page.url()).toMatch(/\/login$/);
    await screenshot(page, 'login-error-de');
    await context.close();
  });
});

async function expectText(locator: import('playwright-core').Locator, text: string): Promise<void> {
  await locator.waitFor();
  expect(await locator.innerText()).toContain(text);
}
