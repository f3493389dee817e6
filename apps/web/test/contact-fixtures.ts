import { act, screen } from '@testing-library/react';
import type {
  ContactDto,
  ContactListItemDto,
  ContactMergeDto,
  MergeSuggestionDto,
} from '@touchpoint/shared';
import { installApi, type Routes } from './fake-api';
import { signIn } from './fixtures';
import { ANNA } from './inbox-app';
import { CONTACT_ID, contactDto, minutesAgo, uuid } from './inbox-fixtures';
import { renderApp } from './render-app';

export const OTHER_CONTACT_ID = uuid(2, 'ca000000');
export const MERGE_ID = uuid(1, 'fe000000');
const SAM = { id: uuid(3, 'ee000000'), name: 'Sam Sales' };

/** Clara's profile as the API answers it: a story with a consult, consent, an attribute, a merge. */
export function contactProfile(overrides: Partial<ContactDto> = {}): ContactDto {
  const base = contactDto();
  return {
    ...base,
    company: 'Stuhlwerk GmbH',
    language: 'de',
    quietHours: { from: '20:00', to: '08:00', timeZone: 'Europe/Berlin' },
    attributes: { customer_no: 'K-1042' },
    consents: [
      {
        purpose: 'marketing',
        channel: 'email',
        granted: true,
        source: 'double opt-in',
        recordedAt: minutesAgo(60 * 24 * 3),
        recordedBy: { id: ANNA.id, name: ANNA.name },
      },
    ],
    merges: [],
    conversations: [
      {
        ...(base.conversations[0] as ContactDto['conversations'][number]),
        channels: ['webchat', 'email'],
        owner: { id: ANNA.id, name: ANNA.name },
        handoffs: [
          {
            id: uuid(1, 'ab000000'),
            kind: 'consult',
            status: 'completed',
            team: { id: uuid(4, 'ee000000'), name: 'Sales' },
            assignee: SAM,
            note: 'Can we offer 10 % on 20 chairs?',
            outcome: 'Yes, 10 % until Friday.',
            createdAt: minutesAgo(30),
          },
        ],
      },
      base.conversations[1] as ContactDto['conversations'][number],
    ],
    ...overrides,
  };
}

export function contactListItem(overrides: Partial<ContactListItemDto> = {}): ContactListItemDto {
  return {
    id: CONTACT_ID,
    name: 'Clara Customer',
    email: 'clara@example.org',
    phone: '+4915112345678',
    company: 'Stuhlwerk GmbH',
    identityKinds: ['email', 'whatsapp'],
    openConversations: 1,
    lastActivityAt: minutesAgo(5),
    ...overrides,
  };
}

/** An anonymous website visitor: only a visitor id, one chat. */
export function visitorContact(overrides: Partial<ContactDto> = {}): ContactDto {
  return contactDto({
    id: OTHER_CONTACT_ID,
    name: '',
    email: null,
    phone: null,
    identities: [{ id: uuid(7, 'ed000000'), kind: 'webchat', address: 'v-7f3a', verified: true }],
    conversations: [],
    ...overrides,
  });
}

export function mergeDto(overrides: Partial<ContactMergeDto> = {}): ContactMergeDto {
  return {
    id: MERGE_ID,
    contactId: CONTACT_ID,
    mergedContactId: OTHER_CONTACT_ID,
    mergedContactName: 'Website visitor',
    basis: 'confirmed_by_staff',
    note: 'Asked for the order number in the chat',
    actor: { id: ANNA.id, name: ANNA.name },
    createdAt: minutesAgo(10),
    undoneAt: null,
    ...overrides,
  };
}

export function suggestionDto(overrides: Partial<MergeSuggestionDto> = {}): MergeSuggestionDto {
  return {
    id: uuid(1, '5a000000'),
    contact: contactListItem({ id: OTHER_CONTACT_ID, name: 'C. Customer', company: null }),
    evidence: [
      {
        kind: 'phone',
        address: '+4915112345678',
        verified: false,
        seenAt: minutesAgo(60),
        messageId: null,
      },
    ],
    verified: false,
    ...overrides,
  };
}

/** The API around one contact profile; the test overrides what it looks at. */
export function contactRoutes(overrides: Routes = {}): Routes {
  return {
    'GET /api/me': () => ANNA,
    'GET /api/contacts': () => ({ contacts: [contactListItem()], nextCursor: null }),
    'GET /api/contacts/:id': () => contactProfile(),
    'GET /api/contacts/:id/notes': () => [],
    'GET /api/contacts/:id/history': () => ({ changes: [], nextCursor: null }),
    'GET /api/contacts/:id/merge-suggestions': () => [],
    ...overrides,
  };
}

/** Signs in and renders the app at a contacts path with these routes and a connected socket. */
export async function renderContacts(path: string, routes: Routes = contactRoutes()) {
  signIn();
  const network = installApi(routes);
  const app = renderApp(path);
  await screen.findByTestId(
    path === '/contacts' || path.startsWith('/contacts?') ? 'page-contacts' : 'page-contact',
  );
  const socket = app.sockets[0];
  if (socket) act(() => socket.accept());
  return { ...app, network };
}
