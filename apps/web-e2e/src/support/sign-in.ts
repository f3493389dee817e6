import type { Page } from 'playwright-core';
import { baseUrl } from './e2e-env';

/** Signs a demo user in through the login page and waits for the live inbox. */
export async function signIn(page: Page, email: string): Promise<void> {
  await page.goto(`${baseUrl()}/login`);
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill('touchpoint');
  await page.locator('button[type="submit"]').click();
  await page.getByTestId('app-shell').waitFor();
  await page.waitForURL(/\/inbox/);
  await page
    .locator('[data-testid="connection-status"][data-state="connected"]')
    .waitFor({ timeout: 15000 });
}
