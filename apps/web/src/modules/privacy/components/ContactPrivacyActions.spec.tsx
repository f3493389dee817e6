import { screen, waitFor, within } from '@testing-library/react';
import type { Role } from '@touchpoint/shared';
import { jsonResponse } from '../../../../test/fetch-mock';
import { userWithRole } from '../../../../test/fixtures';
import { inboxRoutes, renderInbox } from '../../../../test/inbox-app';
import { CONTACT_ID, CONVERSATION_ID, contactDto } from '../../../../test/inbox-fixtures';
import type { Routes } from '../../../../test/fake-api';
import { contactPanelStore } from '../../inbox/states/inbox-layout.store';
import { confirmsErasure } from './EraseContactDialog';

const THREAD = `/inbox/${CONVERSATION_ID}`;
const EXPORT = `/api/contacts/${CONTACT_ID}/export`;
const ERASE = `/api/contacts/${CONTACT_ID}/erase`;

function routes(role: Role, overrides: Routes = {}): Routes {
  return inboxRoutes(
    {
      'GET /api/contacts/:id': () => contactDto(),
      'GET /api/contacts/:id/export': () =>
        new Response(new Blob(['zip bytes']), {
          status: 200,
          headers: { 'Content-Type': 'application/zip' },
        }),
      'POST /api/contacts/:id/erase': () =>
        jsonResponse(200, {
          contactId: CONTACT_ID,
          erasedAt: new Date().toISOString(),
          conversations: 2,
          messages: 9,
          attachments: 1,
          rows: {},
        }),
      ...overrides,
    },
    userWithRole(role),
  );
}

async function openPanel(role: Role, overrides: Routes = {}) {
  contactPanelStore.set(true);
  const app = await renderInbox(THREAD, routes(role, overrides));
  const panel = await screen.findByTestId('contact-panel');
  return { ...app, panel };
}

describe('Data protection on the contact', () => {
  const downloads: string[] = [];
  beforeEach(() => {
    downloads.length = 0;
    URL.createObjectURL = jest.fn(() => 'blob:export');
    URL.revokeObjectURL = jest.fn();
    // The browser saves the file; here the link's click tells what it would save.
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function click(
      this: HTMLAnchorElement,
    ) {
      downloads.push(`${this.download} ${this.href}`);
    });
  });

  it('downloads the export for a supervisor, who may not erase', async () => {
    const { user, panel, network } = await openPanel('supervisor');
    const section = await within(panel).findByTestId('contact-privacy');
    expect(within(section).queryByRole('button', { name: 'Erase personal data' })).toBeNull();

    await user.click(within(section).getByRole('button', { name: 'Export data' }));
    await waitFor(() => expect(network.to(EXPORT)).toHaveLength(1));
    await waitFor(() => expect(downloads).toEqual([`contact-${CONTACT_ID}.zip blob:export`]));
  });

  it('shows nothing to agents', async () => {
    const { panel } = await openPanel('agent');
    await within(panel).findByText('Clara Customer');
    expect(within(panel).queryByTestId('contact-privacy')).toBeNull();
  });

  it('erases only once the admin typed the name or ERASE', async () => {
    const { user, panel, network } = await openPanel('admin');
    const section = await within(panel).findByTestId('contact-privacy');
    await user.click(within(section).getByRole('button', { name: 'Erase personal data' }));
    const dialog = await screen.findByRole('dialog', { name: 'Erase personal data' });
    const submit = within(dialog).getByRole('button', { name: 'Erase for good' });
    expect(submit).toBeDisabled();

    const input = within(dialog).getByLabelText('Type “Clara Customer” or ERASE to confirm');
    await user.type(input, 'Clara');
    expect(submit).toBeDisabled();
    await user.clear(input);
    await user.type(input, 'erase');
    expect(submit).toBeEnabled();
    await user.click(submit);

    await waitFor(() => expect(network.to(ERASE)).toHaveLength(1));
    expect(network.to(ERASE)[0]?.body).toEqual({ confirm: CONTACT_ID });
    expect(await within(section).findByTestId('privacy-erased')).toHaveTextContent(
      'The personal data of this contact was erased.',
    );
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('matches the typed confirmation exactly', () => {
    expect(confirmsErasure('Clara Customer', 'Clara Customer')).toBe(true);
    expect(confirmsErasure(' ERASE ', 'Clara Customer')).toBe(true);
    expect(confirmsErasure('clara customer', 'Clara Customer')).toBe(false);
    expect(confirmsErasure('', '')).toBe(false);
  });
});
