import { screen, waitFor, within } from '@testing-library/react';
import { apiError } from '../../../../test/fetch-mock';
import {
  OTHER_CONTACT_ID,
  contactListItem,
  contactRoutes,
  renderContacts,
} from '../../../../test/contact-fixtures';
import { CONTACT_ID } from '../../../../test/inbox-fixtures';

const CLARA = contactListItem();
const KARL = contactListItem({
  id: OTHER_CONTACT_ID,
  name: 'Karl Kunde',
  email: null,
  phone: '+491701234567',
  company: null,
  identityKinds: ['whatsapp', 'telegram'],
  openConversations: 0,
  lastActivityAt: null,
});

/** The list API as the server filters it: q matches name, email, phone or company. */
function listRoutes() {
  return contactRoutes({
    'GET /api/contacts': (request) => {
      const q = (request.query.get('q') ?? '').toLowerCase();
      const all = [CLARA, KARL];
      const contacts = all.filter((c) =>
        [c.name, c.email, c.phone, c.company].some((v) => v?.toLowerCase().includes(q)),
      );
      return { contacts, nextCursor: null };
    },
  });
}

describe('the contacts page', () => {
  it('lists contacts with how to reach them, their channels, open conversations and last activity', async () => {
    await renderContacts('/contacts', listRoutes());
    const rows = await screen.findAllByTestId('contact-row');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('Clara Customer');
    expect(rows[0]).toHaveTextContent('Stuhlwerk GmbH');
    expect(rows[0]).toHaveTextContent('clara@example.org');
    expect(rows[0]).toHaveTextContent('1 open');
    expect(
      within(rows[0] as HTMLElement)
        .getAllByTestId('identity-kind')
        .map((icon) => icon.getAttribute('title')),
    ).toEqual(['Email', 'WhatsApp']);
    expect(rows[1]).toHaveTextContent('None open');
    expect(rows[1]).toHaveTextContent('No activity yet');
  });

  it('searches as the user types, keeps the search in the URL, and says when nothing matches', async () => {
    const { user, network, router } = await renderContacts('/contacts', listRoutes());
    await screen.findAllByTestId('contact-row');

    await user.type(screen.getByRole('searchbox', { name: 'Search contacts' }), 'karl');
    await waitFor(() => expect(screen.getAllByTestId('contact-row')).toHaveLength(1));
    expect(screen.getByTestId('contact-row')).toHaveTextContent('Karl Kunde');
    expect(router.state.location.search).toBe('?q=karl');
    expect(network.to('/api/contacts').map((r) => r.url)).toContain(
      '/api/contacts?q=karl&limit=50',
    );

    await user.clear(screen.getByRole('searchbox', { name: 'Search contacts' }));
    await user.type(screen.getByRole('searchbox', { name: 'Search contacts' }), 'nobody');
    expect(await screen.findByTestId('contact-list-empty')).toHaveTextContent(
      'No contact matches “nobody”',
    );
  });

  it('opens a contact’s profile from its row', async () => {
    const { user, router } = await renderContacts('/contacts', listRoutes());
    const rows = await screen.findAllByTestId('contact-row');
    await user.click(within(rows[0] as HTMLElement).getByText('clara@example.org'));
    await screen.findByTestId('page-contact');
    expect(router.state.location.pathname).toBe(`/contacts/${CONTACT_ID}`);
  });

  it('shows the API’s message when the list cannot be read', async () => {
    await renderContacts(
      '/contacts',
      contactRoutes({
        'GET /api/contacts': () =>
          apiError(429, 'rate_limited', 'Too many searches, wait a minute'),
      }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent('Too many searches, wait a minute');
  });

  it('tells a new workspace that contacts come with the first messages', async () => {
    await renderContacts(
      '/contacts',
      contactRoutes({ 'GET /api/contacts': () => ({ contacts: [], nextCursor: null }) }),
    );
    expect(await screen.findByTestId('contact-list-empty')).toHaveTextContent('No contacts yet');
  });
});
