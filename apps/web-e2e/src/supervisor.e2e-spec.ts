import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { adminToken, api, poll, postApiWebhook } from './support/api';
import { launchBrowser, screenshot } from './support/browser';
import { baseUrl } from './support/e2e-env';
import { signIn } from './support/sign-in';

const SECRET = 'e2e-board-channel-secret-0123456789';

/** The number on a team's "unassigned" figure, as the supervisor sees it. */
async function unassignedOf(page: Page, team: string): Promise<number> {
  const tile = page.locator(`[data-testid="board-team"]`).filter({ hasText: team }).first();
  return Number(await tile.getByTestId('team-unassigned').innerText());
}

/**
 * Sabine, a supervisor, watches the board while a customer writes to Service, Ben claims the
 * conversation and asks Sales, and nobody in Sales accepts in time: the board follows each step
 * without a reload, the request turns red, and she nudges Sales.
 */
describe('supervisor board', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());

  it('follows a claim and a consult that breaches, live', async () => {
    const admin = await adminToken();
    const teams = await api<{ id: string; name: string }[]>('/api/teams', { token: admin });
    const service = teams.find((t) => t.name === 'Service');
    const sales = teams.find((t) => t.name === 'Sales');
    if (!service || !sales) throw new Error('the demo workspace has no Service or Sales team');
    // Service answers around the clock within a minute, and Sales must accept within one, so the
    // test sees both deadlines pass.
    // Both count around the clock: the demo's office hours would move the deadlines to the next
    // working day whenever this runs after 18:00 Berlin time or on a weekend.
    await api(`/api/teams/${service.id}/business-hours`, { method: 'DELETE', token: admin });
    await api(`/api/teams/${sales.id}/business-hours`, { method: 'DELETE', token: admin });
    await api(`/api/teams/${service.id}/sla-policies`, {
      method: 'PUT',
      token: admin,
      body: JSON.stringify({ policies: [{ firstResponseSeconds: 60 }] }),
    });
    await api(`/api/teams/${sales.id}`, {
      method: 'PATCH',
      token: admin,
      body: JSON.stringify({ consultAcceptSeconds: 60 }),
    });
    const channel = await api<{ id: string }>('/api/channels', {
      method: 'POST',
      token: admin,
      body: JSON.stringify({
        kind: 'api',
        name: 'Board bridge',
        teamId: service.id,
        config: { secret: SECRET, callbackUrl: 'http://127.0.0.1:9/replies' },
      }),
    });

    const context = await browser.newContext({
      locale: 'en-US',
      viewport: { width: 1440, height: 1000 },
    });
    const sabine = await context.newPage();
    await signIn(sabine, 'supervisor@example.com');
    await sabine.goto(`${baseUrl()}/supervisor`);
    await sabine.getByTestId('board-teams').waitFor();
    const before = await unassignedOf(sabine, 'Service');

    // A customer writes to Service: the queue grows on the open board.
    const posted = await postApiWebhook(channel.id, SECRET, {
      id: randomUUID(),
      contact: { email: 'lena@kunde.test', name: 'Lena Lorenz' },
      text: 'Meine Rechnung 2024-118 ist doppelt abgebucht worden.',
    });
    expect(posted).toBe(202);
    await sabine
      .getByTestId('waiting-conversation')
      .filter({ hasText: 'Lena Lorenz' })
      .waitFor({ timeout: 15000 });
    expect(await unassignedOf(sabine, 'Service')).toBe(before + 1);
    await screenshot(sabine, 'supervisor-board-customer-waits');

    // Ben claims it: it leaves the queue on Sabine's board.
    const { accessToken: ben } = await api<{ accessToken: string }>('/api/auth/login', {
      method: 'POST',
      body: JSON.stringify({ email: 'ben@example.com', password: 'touchpoint' }),
    });
    const conversationId = await poll(async () => {
      const list = await api<{ items: { id: string; contact: { name: string } }[] }>(
        '/api/conversations?view=all',
        { token: admin },
      );
      return list.items.find((c) => c.contact.name === 'Lena Lorenz')?.id ?? '';
    }, 10_000);
    await api(`/api/conversations/${conversationId}/claim`, { method: 'POST', token: ben });
    await sabine
      .getByTestId('waiting-conversation')
      .filter({ hasText: 'Lena Lorenz' })
      .waitFor({ state: 'detached', timeout: 15000 });
    expect(await unassignedOf(sabine, 'Service')).toBe(before);

    // Ben asks Sales; nobody there accepts within the minute.
    await api(`/api/conversations/${conversationId}/handoffs`, {
      method: 'POST',
      token: ben,
      body: JSON.stringify({
        kind: 'consult',
        teamId: sales.id,
        note: 'Doppelte Abbuchung der Rechnung 2024-118, bitte Gutschrift prüfen.',
      }),
    });
    const request = sabine.getByTestId('board-handoff').filter({ hasText: 'Lena Lorenz' });
    await request.waitFor({ timeout: 15000 });
    await sabine.getByTestId('flow-pair').filter({ hasText: 'Service → Sales' }).waitFor();
    await sabine
      .locator('[data-testid="board-handoff"][data-risk="breached"]')
      .filter({ hasText: 'Lena Lorenz' })
      .waitFor({ timeout: 90_000 });
    const salesTile = sabine.locator('[data-testid="board-team"][data-severity="breached"]');
    expect(await salesTile.filter({ hasText: 'Sales' }).count()).toBe(1);
    // Ben has not answered Lena within Service's minute either: overdue on the board.
    const overdue = sabine
      .locator('[data-testid="board-sla-conversation"][data-risk="breached"]')
      .filter({ hasText: 'Lena Lorenz' });
    await overdue.waitFor({ timeout: 30_000 });
    expect(await overdue.getByTestId('sla-state').innerText()).toMatch(/^First response · overdue/);
    expect(await overdue.innerText()).toContain('Service · Ben');
    await screenshot(sabine, 'supervisor-board-consult-overdue');

    // Sabine nudges Sales; the button rests for five minutes.
    await request.getByRole('button').click();
    await sabine.getByTestId('board-notice').waitFor();
    await poll(async () => (await request.getByRole('button').isDisabled()) || '', 10_000);
    expect(await request.getByRole('button').isDisabled()).toBe(true);
    await screenshot(sabine, 'supervisor-board-nudged');

    // The reports add up the demo's 90 days and today's work.
    await sabine.getByTestId('supervisor-area-reports').click();
    await sabine.getByTestId('figure-conversations').waitFor({ timeout: 15000 });
    expect(
      Number((await sabine.getByTestId('figure-conversations').innerText()).replace(/\D/g, '')),
    ).toBeGreaterThan(0);
    await sabine.getByTestId('report-chart-days').locator('svg').first().waitFor();
    await screenshot(sabine, 'supervisor-reports');
    await context.close();
  }, 150_000);
});
