import { screen, waitFor, within } from '@testing-library/react';
import type { ContactDto, MergeContactsRequest, RecordConsentRequest } from '@touchpoint/shared';
import { apiError, jsonResponse } from '../../../../test/fetch-mock';
import {
  MERGE_ID,
  OTHER_CONTACT_ID,
  contactListItem,
  contactProfile,
  contactRoutes,
  mergeDto,
  renderContacts,
  suggestionDto,
} from '../../../../test/contact-fixtures';
import { userWithRole } from '../../../../test/fixtures';
import { ANNA } from '../../../../test/inbox-app';
import { CONTACT_ID, CONVERSATION_ID, minutesAgo } from '../../../../test/inbox-fixtures';

const PROFILE = `/contacts/${CONTACT_ID}`;
const MERGE = `/api/contacts/${CONTACT_ID}/merge`;

function section(testId: string): HTMLElement {
  return screen.getByTestId(testId);
}

describe('the contact profile', () => {
  it('shows who the customer is, their identities, their story with consults, and consent', async () => {
    const { user, router } = await renderContacts(PROFILE);
    expect(await screen.findByRole('heading', { name: 'Clara Customer' })).toBeInTheDocument();
    expect(screen.getByTestId('contact-facts')).toHaveTextContent('Stuhlwerk GmbH');
    expect(screen.getByTestId('contact-fact-language')).toHaveTextContent('German');
    expect(screen.getByTestId('contact-fact-quiet')).toHaveTextContent(
      'Quiet 20:00–08:00 (Europe/Berlin)',
    );

    const identities = within(section('profile-identities')).getAllByTestId('identity');
    expect(identities[0]).toHaveTextContent('Email: clara@example.org');
    expect(within(identities[0] as HTMLElement).getByTestId('identity-verified')).toHaveAttribute(
      'title',
      'Proved by its channel: the customer wrote from this address, or your website signed them in with it.',
    );
    expect(identities[1]).toHaveTextContent('Unverified');
    // Only an unverified address can be removed.
    expect(within(identities[0] as HTMLElement).queryByTestId('identity-remove')).toBeNull();
    expect(within(identities[1] as HTMLElement).getByTestId('identity-remove')).toBeInTheDocument();

    const story = section('profile-story');
    expect(within(story).getByRole('heading')).toHaveTextContent('Story · 2 conversations');
    const conversations = within(story).getAllByTestId('story-conversation');
    expect(conversations).toHaveLength(2);
    const first = conversations[0] as HTMLElement;
    expect(
      within(first)
        .getAllByTestId('channel-icon')
        .map((icon) => icon.getAttribute('data-kind')),
    ).toEqual(['webchat', 'email']);
    expect(first).toHaveTextContent('Team Service');
    expect(first).toHaveTextContent('Owner Anna Agent');
    expect(within(first).getByTestId('conversation-status')).toHaveTextContent('Open');
    const consult = within(first).getByTestId('story-handoff');
    expect(consult).toHaveTextContent('Consult');
    expect(consult).toHaveTextContent('Sales · Sam Sales');
    expect(within(consult).getByTestId('handoff-status')).toHaveTextContent('Completed');
    expect(consult).toHaveTextContent('Outcome: Yes, 10 % until Friday.');
    expect(conversations[1]).toHaveTextContent('Unassigned');

    const consent = within(section('profile-consents')).getByTestId('consent');
    expect(consent).toHaveTextContent('Marketing');
    expect(consent).toHaveTextContent('Email');
    expect(consent).toHaveTextContent('Given');
    expect(consent).toHaveTextContent('double opt-in');
    expect(consent).toHaveTextContent('Anna Agent');

    expect(within(section('profile-attributes')).getByTestId('attribute-list')).toHaveTextContent(
      'customer_noK-1042',
    );

    await user.click(within(first).getByRole('link', { name: 'Offer for 20 chairs' }));
    expect(router.state.location.pathname).toBe(`/inbox/${CONVERSATION_ID}`);
  });

  it('records a consent with its source', async () => {
    let contact = contactProfile();
    const { user, network } = await renderContacts(
      PROFILE,
      contactRoutes({
        'GET /api/contacts/:id': () => contact,
        'POST /api/contacts/:id/consents': (request) => {
          const body = request.body as RecordConsentRequest;
          contact = {
            ...contact,
            consents: [
              ...contact.consents,
              {
                purpose: body.purpose,
                channel: body.channel,
                granted: body.granted,
                source: body.source,
                recordedAt: minutesAgo(0),
                recordedBy: { id: 'x', name: 'Anna Agent' },
              },
            ],
          } as ContactDto;
          return contact;
        },
      }),
    );
    await user.click(await screen.findByTestId('consent-record'));
    const dialog = await screen.findByRole('dialog', { name: 'Record consent' });
    await user.selectOptions(within(dialog).getByLabelText('Channel'), 'WhatsApp');
    await user.click(within(dialog).getByRole('radio', { name: 'Withdrawn' }));
    await user.click(within(dialog).getByRole('button', { name: 'Record' }));
    expect(within(dialog).getByLabelText('Source')).toHaveAccessibleDescription(
      'Say how the consent was given.',
    );
    expect(network.to(`/api/contacts/${CONTACT_ID}/consents`)).toHaveLength(0);

    await user.type(within(dialog).getByLabelText('Source'), 'phone call 2026-12-01');
    await user.click(within(dialog).getByRole('button', { name: 'Record' }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog', { name: 'Record consent' })).not.toBeInTheDocument(),
    );
    expect(network.to(`/api/contacts/${CONTACT_ID}/consents`)[0]?.body).toEqual({
      purpose: 'marketing',
      channel: 'whatsapp',
      granted: false,
      source: 'phone call 2026-12-01',
    });
    const consents = within(section('profile-consents')).getAllByTestId('consent');
    expect(consents[1]).toHaveTextContent('WhatsApp');
    expect(consents[1]).toHaveTextContent('Withdrawn');
  });

  it('merges another contact in: the note is required when staff confirmed it, and it says who is kept', async () => {
    const { user, network } = await renderContacts(
      PROFILE,
      contactRoutes({
        'GET /api/contacts': () => ({
          contacts: [
            contactListItem(),
            contactListItem({ id: OTHER_CONTACT_ID, name: 'Clara C.', company: null }),
          ],
          nextCursor: null,
        }),
        'POST /api/contacts/:id/merge': () => mergeDto({ mergedContactName: 'Clara C.' }),
      }),
    );
    await user.click(await screen.findByRole('button', { name: 'Merge with another contact…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Merge contacts' });

    await user.click(within(dialog).getByTestId('contact-merge-submit'));
    expect(within(dialog).getByText('Pick the contact to merge with.')).toBeInTheDocument();

    await user.type(within(dialog).getByTestId('contact-picker-search'), 'clara');
    // The contact the user is on is not offered.
    const results = await within(dialog).findByTestId('contact-picker-results');
    expect(within(results).getAllByRole('radio')).toHaveLength(1);
    await user.click(within(results).getByRole('radio', { name: /Clara C\./ }));
    expect(within(dialog).getByTestId('contact-merge-summary')).toHaveTextContent(
      'Clara C. is merged into Clara Customer. Clara Customer is kept',
    );
    expect(within(dialog).getByTestId('contact-merge-basis-confirmed_by_staff')).toBeChecked();

    await user.click(within(dialog).getByTestId('contact-merge-submit'));
    expect(within(dialog).getByTestId('contact-merge-note-error')).toHaveTextContent(
      'Say how you confirmed it is the same person.',
    );
    expect(network.to(MERGE)).toHaveLength(0);

    await user.type(within(dialog).getByTestId('contact-merge-note'), 'Asked for the order number');
    await user.click(
      within(dialog).getByRole('button', { name: 'Merge Clara C. into Clara Customer' }),
    );
    await waitFor(() => expect(network.to(MERGE)).toHaveLength(1));
    expect(network.to(MERGE)[0]?.body).toEqual({
      basis: 'confirmed_by_staff',
      otherContactId: OTHER_CONTACT_ID,
      note: 'Asked for the order number',
    } satisfies MergeContactsRequest);
    expect(await screen.findByTestId('merge-feedback')).toHaveTextContent(
      'Clara C. was merged into Clara Customer.',
    );
  });

  it('keeps the other contact when asked, and goes to its profile after the merge', async () => {
    const { user, network, router } = await renderContacts(
      PROFILE,
      contactRoutes({
        'GET /api/contacts': () => ({
          contacts: [contactListItem({ id: OTHER_CONTACT_ID, name: 'Clara C.' })],
          nextCursor: null,
        }),
        'GET /api/contacts/:id': (request) =>
          contactProfile(
            request.params['id'] === OTHER_CONTACT_ID
              ? { id: OTHER_CONTACT_ID, name: 'Clara C.' }
              : {},
          ),
        'POST /api/contacts/:id/merge': () =>
          mergeDto({
            contactId: OTHER_CONTACT_ID,
            mergedContactId: CONTACT_ID,
            mergedContactName: 'Clara Customer',
            basis: 'verified_identifiers',
            note: null,
          }),
      }),
    );
    await user.click(await screen.findByRole('button', { name: 'Merge with another contact…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Merge contacts' });
    await user.type(within(dialog).getByTestId('contact-picker-search'), 'clara');
    await user.click(await within(dialog).findByRole('radio', { name: /Clara C\./ }));
    await user.click(within(dialog).getByRole('radio', { name: 'Keep Clara C.' }));
    await user.click(within(dialog).getByTestId('contact-merge-basis-verified_identifiers'));
    expect(within(dialog).queryByTestId('contact-merge-note')).not.toBeInTheDocument();
    await user.click(
      within(dialog).getByRole('button', { name: 'Merge Clara Customer into Clara C.' }),
    );
    await waitFor(() =>
      expect(router.state.location.pathname).toBe(`/contacts/${OTHER_CONTACT_ID}`),
    );
    expect(network.to(`/api/contacts/${OTHER_CONTACT_ID}/merge`)[0]?.body).toEqual({
      basis: 'verified_identifiers',
      otherContactId: CONTACT_ID,
    });
    expect(await screen.findByTestId('merge-feedback')).toHaveTextContent(
      'Clara Customer was merged into Clara C.',
    );
  });

  it('shows why the server refused a merge on verified identifiers', async () => {
    const { user } = await renderContacts(
      PROFILE,
      contactRoutes({
        'GET /api/contacts/:id/merge-suggestions': () => [
          suggestionDto({ verified: true, evidence: [] }),
        ],
        'POST /api/contacts/:id/merge': () =>
          apiError(
            422,
            'contacts.merge_unverified',
            'phone +4915112345678 is not verified on both contacts',
          ),
      }),
    );
    const suggestion = await screen.findByTestId('merge-suggestion');
    await user.click(within(suggestion).getByRole('button', { name: 'Merge' }));
    const dialog = await screen.findByRole('dialog', { name: 'Merge contacts' });
    // A verified suggestion merges on the identifiers; no note asked.
    expect(within(dialog).getByTestId('contact-merge-basis-verified_identifiers')).toBeChecked();
    expect(within(dialog).queryByTestId('contact-merge-basis-confirmed_by_staff')).toBeNull();
    await user.click(within(dialog).getByTestId('contact-merge-submit'));
    expect(await within(dialog).findByTestId('contact-merge-error')).toHaveTextContent(
      'phone +4915112345678 is not verified on both contacts',
    );
  });

  it('shows merge suggestions with their evidence; an unverified one asks how staff confirmed it', async () => {
    const { user, network } = await renderContacts(
      PROFILE,
      contactRoutes({
        'GET /api/contacts/:id/merge-suggestions': () => [suggestionDto()],
        'POST /api/contacts/merge-suggestions/:id/dismiss': () =>
          new Response(null, { status: 204 }),
      }),
    );
    const suggestion = await screen.findByTestId('merge-suggestion');
    expect(suggestion).toHaveTextContent('C. Customer');
    expect(suggestion).toHaveTextContent('+4915112345678');
    expect(within(suggestion).getByTestId('evidence-state')).toHaveTextContent('unverified');
    expect(suggestion).toHaveTextContent('seen');

    await user.click(within(suggestion).getByRole('button', { name: 'Merge' }));
    const dialog = await screen.findByRole('dialog', { name: 'Merge contacts' });
    expect(within(dialog).queryByTestId('contact-merge-basis-verified_identifiers')).toBeNull();
    expect(within(dialog).getByTestId('contact-merge-note')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));

    await user.click(within(suggestion).getByRole('button', { name: 'Not the same person' }));
    await waitFor(() => expect(screen.queryByTestId('merge-suggestion')).not.toBeInTheDocument());
    expect(
      network.to(`/api/contacts/merge-suggestions/${suggestionDto().id}/dismiss`),
    ).toHaveLength(1);
  });

  it('undoes a merge after asking', async () => {
    let contact = contactProfile({ merges: [mergeDto()] });
    const { user, network } = await renderContacts(
      PROFILE,
      contactRoutes({
        'GET /api/contacts/:id': () => contact,
        'POST /api/contacts/merges/:mergeId/undo': () => {
          contact = contactProfile({ merges: [] });
          return mergeDto({ undoneAt: minutesAgo(0) });
        },
      }),
    );
    const merge = await screen.findByTestId('merge');
    expect(merge).toHaveTextContent('Anna Agent merged Website visitor into this contact');
    expect(merge).toHaveTextContent('Confirmed by staff: Asked for the order number in the chat');

    await user.click(within(merge).getByRole('button', { name: 'Undo merge' }));
    const dialog = await screen.findByRole('dialog', {
      name: 'Undo the merge of Website visitor?',
    });
    expect(network.to(`/api/contacts/merges/${MERGE_ID}/undo`)).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Undo merge' }));

    await waitFor(() =>
      expect(network.to(`/api/contacts/merges/${MERGE_ID}/undo`)).toHaveLength(1),
    );
    await waitFor(() => expect(screen.queryByTestId('merge')).not.toBeInTheDocument());
    expect(section('profile-merges')).toHaveTextContent('No contact was merged into this one.');
  });

  it('shows the API’s validation message on the attribute it is about', async () => {
    const { user, network } = await renderContacts(
      PROFILE,
      contactRoutes({
        'PATCH /api/contacts/:id': () =>
          apiError(
            400,
            'validation.failed',
            'attributes.Vertrag keys are lower-case letters, digits and _ (max 40)',
            {
              details: [
                {
                  path: 'attributes.Vertrag',
                  message: 'keys are lower-case letters, digits and _ (max 40)',
                },
              ],
            },
          ),
      }),
    );
    await user.click(await screen.findByTestId('attributes-edit'));
    await user.click(screen.getByTestId('attribute-add'));
    const rows = screen.getAllByTestId('attribute-row');
    await user.type(within(rows[1] as HTMLElement).getByTestId('attribute-key'), 'Vertrag');
    await user.type(within(rows[1] as HTMLElement).getByTestId('attribute-value'), 'Gold');
    await user.click(screen.getByTestId('attributes-save'));

    expect(await within(rows[1] as HTMLElement).findByTestId('attribute-error')).toHaveTextContent(
      'keys are lower-case letters, digits and _ (max 40)',
    );
    expect(within(rows[1] as HTMLElement).getByTestId('attribute-key')).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    expect(
      network.to(`/api/contacts/${CONTACT_ID}`).find((r) => r.method === 'PATCH')?.body,
    ).toEqual({
      attributes: { customer_no: 'K-1042', Vertrag: 'Gold' },
    });
  });

  it('adds, edits and deletes notes, and shows the edit history before → after', async () => {
    let notes = [
      {
        id: 'n0',
        body: 'VIP since 2019',
        author: { id: 'someone-else', name: 'Sam Sales' },
        createdAt: minutesAgo(120),
        updatedAt: minutesAgo(120),
      },
      {
        id: 'n1',
        body: 'Prefers delivery on Mondays',
        author: { id: ANNA.id, name: 'Anna Agent' },
        createdAt: minutesAgo(60),
        updatedAt: minutesAgo(60),
      },
    ];
    const { user, network } = await renderContacts(
      PROFILE,
      contactRoutes({
        'GET /api/contacts/:id/notes': () => notes,
        'POST /api/contacts/:id/notes': (request) => {
          const note = {
            id: 'n2',
            body: (request.body as { body: string }).body,
            author: { id: ANNA.id, name: 'Anna Agent' },
            createdAt: minutesAgo(0),
            updatedAt: minutesAgo(0),
          };
          notes = [note, ...notes];
          return note;
        },
        'PATCH /api/contacts/:id/notes/:noteId': (request) => {
          notes = notes.map((n) =>
            n.id === request.params['noteId']
              ? { ...n, body: (request.body as { body: string }).body, updatedAt: minutesAgo(0) }
              : n,
          );
          return notes.find((n) => n.id === request.params['noteId']) as object;
        },
        'DELETE /api/contacts/:id/notes/:noteId': (request) => {
          notes = notes.filter((n) => n.id !== request.params['noteId']);
          return new Response(null, { status: 204 });
        },
        'GET /api/contacts/:id/history': () => ({
          changes: [
            {
              id: 'h1',
              kind: 'profile',
              actor: { id: 'u1', name: 'Anna Agent' },
              changes: {
                company: [null, 'Stuhlwerk GmbH'],
                language: ['en', 'de'],
                attributes: [{ customer_no: 'K-1' }, { customer_no: 'K-1042', segment: 'B2B' }],
              },
              data: {},
              createdAt: minutesAgo(90),
            },
            {
              id: 'h2',
              kind: 'consent',
              actor: { id: 'u1', name: 'Anna Agent' },
              changes: { 'marketing:email': [null, true] },
              data: { purpose: 'marketing', channel: 'email', source: 'double opt-in' },
              createdAt: minutesAgo(100),
            },
          ],
          nextCursor: null,
        }),
      }),
    );
    const notesSection = await screen.findByTestId('profile-notes');
    const colleagues = await within(notesSection).findByText('VIP since 2019');
    // A colleague's note: only its author, supervisors and admins may change it.
    expect(
      within(colleagues.closest('li') as HTMLElement).queryByRole('button', { name: 'Edit' }),
    ).toBeNull();
    expect(within(notesSection).getAllByTestId('contact-note')).toHaveLength(2);
    await user.type(within(notesSection).getByLabelText('New note'), 'Called about the invoice');
    await user.click(within(notesSection).getByRole('button', { name: 'Add note' }));
    await waitFor(() =>
      expect(within(notesSection).getAllByTestId('contact-note')).toHaveLength(3),
    );
    expect(within(notesSection).getAllByTestId('contact-note')[0]).toHaveTextContent(
      'Called about the invoice',
    );

    const older = within(notesSection).getAllByTestId('contact-note')[2] as HTMLElement;
    await user.click(within(older).getByRole('button', { name: 'Edit' }));
    const editor = within(older).getByLabelText('Note');
    await user.clear(editor);
    await user.type(editor, 'Prefers delivery on Tuesdays');
    await user.click(within(older).getByRole('button', { name: 'Save' }));
    expect(await within(older).findByText('Prefers delivery on Tuesdays')).toBeInTheDocument();
    expect(older).toHaveTextContent('edited');

    await user.click(within(older).getByRole('button', { name: 'Delete' }));
    await user.click(within(older).getByTestId('note-delete-confirm'));
    await waitFor(() =>
      expect(within(notesSection).getAllByTestId('contact-note')).toHaveLength(2),
    );
    expect(network.requests.filter((r) => r.method === 'DELETE')).toHaveLength(1);

    const [history, consent] = within(section('profile-history')).getAllByTestId('history-entry');
    expect(history).toHaveTextContent('Profile changed');
    expect(history).toHaveTextContent('Anna Agent');
    const changes = within(history as HTMLElement).getAllByTestId('history-change');
    expect(changes.map((line) => line.textContent)).toEqual([
      'Company – → Stuhlwerk GmbH',
      'Language en → de',
      'customer_no K-1 → K-1042',
      'segment – → B2B',
    ]);
    expect(consent).toHaveTextContent('Consent recorded');
    expect(consent).toHaveTextContent('Source: double opt-in');
    expect(within(consent as HTMLElement).getByTestId('history-change')).toHaveTextContent(
      'Marketing · Email – → Given',
    );
  });

  it('shows the marketing hold beside the name while a support conversation is unresolved', async () => {
    await renderContacts(
      PROFILE,
      contactRoutes({
        'GET /api/contacts/:id': () =>
          contactProfile({
            marketingHold: { since: minutesAgo(30), conversationIds: [CONVERSATION_ID] },
          }),
      }),
    );
    const header = await screen.findByTestId('contact-header');
    expect(within(header).getByTestId('marketing-hold')).toHaveTextContent(
      'On hold for marketing since',
    );
  });

  it('says when the personal data of an erased contact was erased', async () => {
    await renderContacts(
      PROFILE,
      contactRoutes({
        'GET /api/contacts/:id': () =>
          contactProfile({ name: '', erasedAt: '2026-12-01T09:30:00.000Z' }),
      }),
    );
    const header = await screen.findByTestId('contact-header');
    expect(within(header).getByTestId('contact-erased')).toHaveTextContent(
      'Personal data erased on',
    );
  });

  it('leads from a contact that was merged away to the contact it went into', async () => {
    const { user, router } = await renderContacts(
      `/contacts/${OTHER_CONTACT_ID}`,
      contactRoutes({
        'GET /api/contacts/:id': (request) =>
          request.params['id'] === OTHER_CONTACT_ID
            ? jsonResponse(409, {
                statusCode: 409,
                error: 'Conflict',
                message: `Contact ${OTHER_CONTACT_ID} was merged into contact ${CONTACT_ID}`,
                code: 'contacts.merged',
                related: { contactId: CONTACT_ID },
              })
            : contactProfile(),
      }),
    );
    const notice = await screen.findByTestId('contact-merged');
    expect(notice).toHaveTextContent('This contact was merged into another one');
    await user.click(within(notice).getByRole('link', { name: 'Open that contact' }));
    expect(await screen.findByRole('heading', { name: 'Clara Customer' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe(PROFILE);
  });

  it('offers export and erase to an admin, and nothing of it to an agent', async () => {
    await renderContacts(PROFILE, contactRoutes({ 'GET /api/me': () => userWithRole('admin') }));
    const privacy = await screen.findByTestId('contact-privacy');
    expect(within(privacy).getByRole('button', { name: 'Export data' })).toBeInTheDocument();
    expect(
      within(privacy).getByRole('button', { name: 'Erase personal data' }),
    ).toBeInTheDocument();
  });

  it.each([
    ['agent', 1],
    ['manager', 0],
  ] as const)(
    'shows the %s each control that changes a contact %i time(s) (the touchpoint manager reads only)',
    async (role, times) => {
      await renderContacts(
        PROFILE,
        contactRoutes({
          'GET /api/me': () => userWithRole(role),
          'GET /api/contacts/:id': () => contactProfile({ merges: [mergeDto()] }),
          'GET /api/contacts/:id/merge-suggestions': () => [suggestionDto()],
        }),
      );
      await screen.findByTestId('merge');
      // The notes and the suggestions load after the profile.
      await screen.findByTestId(role === 'agent' ? 'merge-suggestion' : 'profile-notes');
      for (const control of [
        'contact-edit',
        'contact-merge',
        'identity-add',
        'consent-record',
        'attributes-edit',
        'merge-undo',
        'note-new-submit',
      ])
        expect([control, screen.queryAllByTestId(control).length]).toEqual([control, times]);
      expect(screen.queryAllByTestId('identity-remove')).toHaveLength(times);
      expect(screen.queryAllByTestId('merge-suggestion')).toHaveLength(times);
    },
  );

  it('shows an agent no data protection actions', async () => {
    await renderContacts(PROFILE);
    await screen.findByTestId('profile-merges');
    expect(screen.queryByTestId('contact-privacy')).not.toBeInTheDocument();
  });

  it('offers to merge when an added address is another contact’s, and opens the kept contact', async () => {
    const { user, network, router } = await renderContacts(
      PROFILE,
      contactRoutes({
        'GET /api/contacts/:id': (request) =>
          request.params['id'] === OTHER_CONTACT_ID
            ? contactProfile({ id: OTHER_CONTACT_ID, name: 'Clara C.' })
            : contactProfile(),
        'POST /api/contacts/:id/identities': () =>
          jsonResponse(409, {
            statusCode: 409,
            error: 'Conflict',
            message: 'The email address c@example.org belongs to another contact (Clara C.)',
            code: 'contacts.identity_taken',
            related: { contactId: OTHER_CONTACT_ID },
          }),
        'POST /api/contacts/:id/merge': () =>
          mergeDto({ contactId: OTHER_CONTACT_ID, mergedContactId: CONTACT_ID }),
      }),
    );
    const identities = await screen.findByTestId('profile-identities');
    await user.click(within(identities).getByRole('button', { name: 'Add an address' }));
    await user.type(within(identities).getByLabelText('Address'), 'c@example.org');
    await user.click(within(identities).getByRole('button', { name: 'Add address' }));
    const refusal = await within(identities).findByTestId('add-identity-error');
    expect(refusal).toHaveTextContent('belongs to another contact (Clara C.)');
    await user.click(await within(refusal).findByRole('button', { name: 'Merge with Clara C.' }));

    const dialog = await screen.findByRole('dialog', { name: 'Merge contacts' });
    expect(within(dialog).getByRole('radio', { name: 'Keep Clara C.' })).toBeChecked();
    await user.type(within(dialog).getByTestId('contact-merge-note'), 'Same order number');
    await user.click(within(dialog).getByTestId('contact-merge-submit'));
    await waitFor(() =>
      expect(router.state.location.pathname).toBe(`/contacts/${OTHER_CONTACT_ID}`),
    );
    expect(network.to(`/api/contacts/${OTHER_CONTACT_ID}/merge`)[0]?.body).toEqual({
      basis: 'confirmed_by_staff',
      otherContactId: CONTACT_ID,
      note: 'Same order number',
    });
  });

  it('says so when the contact is gone', async () => {
    await renderContacts(
      PROFILE,
      contactRoutes({
        'GET /api/contacts/:id': () => apiError(404, 'contacts.not_found', 'Contact not found'),
      }),
    );
    expect(await screen.findByTestId('contact-missing')).toHaveTextContent(
      'This contact does not exist (any more)',
    );
  });

  it('speaks German', async () => {
    jest.spyOn(window.navigator, 'languages', 'get').mockReturnValue(['de-DE']);
    await renderContacts(
      PROFILE,
      contactRoutes({
        'GET /api/contacts/:id': () => contactProfile({ merges: [mergeDto()] }),
      }),
    );
    expect(
      await screen.findByRole('button', { name: 'Mit anderem Kontakt zusammenführen …' }),
    ).toBeInTheDocument();
    expect(screen.getByTestId('contact-fact-language')).toHaveTextContent('Deutsch');
    expect(within(section('profile-consents')).getByRole('heading')).toHaveTextContent(
      'Einwilligung',
    );
    expect(
      within(section('profile-merges')).getByRole('button', { name: 'Rückgängig machen' }),
    ).toBeInTheDocument();
    expect(within(section('profile-story')).getByRole('heading')).toHaveTextContent(
      'Verlauf · 2 Konversationen',
    );
  });
});
