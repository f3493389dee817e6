import { screen, waitFor, within } from '@testing-library/react';
import type { ParticipantDto, UserDto } from '@touchpoint/shared';
import { apiError, jsonResponse } from '../../../../test/fetch-mock';
import { userWithRole } from '../../../../test/fixtures';
import { ANNA_REF, BEN_REF, SVEN_REF, minutesFromNow } from '../../../../test/handoff-fixtures';
import { ANNA, inboxRoutes, renderInbox } from '../../../../test/inbox-app';
import { CONVERSATION_ID, conversationDto } from '../../../../test/inbox-fixtures';
import type { RouteHandler } from '../../../../test/fake-api';

const THREAD = `/inbox/${CONVERSATION_ID}`;
const PARTICIPANTS = `/api/conversations/${CONVERSATION_ID}/participants`;
const SVEN_UNTIL = minutesFromNow(90);

/** Sven's consult ended (access for a while longer), Ben was mentioned (no end). */
function participantsApi(
  owner = ANNA_REF,
  me: UserDto = ANNA,
  overrides: { keep?: RouteHandler; remove?: RouteHandler; extra?: ParticipantDto[] } = {},
) {
  let participants: ParticipantDto[] = [
    { user: owner, via: 'owner', expiresAt: null, untilConsultEnds: false },
    { user: SVEN_REF, via: 'consult', expiresAt: SVEN_UNTIL, untilConsultEnds: false },
    { user: BEN_REF, via: 'mention', expiresAt: null, untilConsultEnds: false },
    ...(overrides.extra ?? []),
  ];
  return inboxRoutes(
    {
      'GET /api/conversations/:id': () => conversationDto({ owner }),
      'GET /api/conversations/:id/handoffs': () => [],
      'GET /api/conversations/:id/participants': () => participants,
      'POST /api/conversations/:id/participants/:userId/keep':
        overrides.keep ??
        ((request) => {
          participants = participants.map((p) =>
            p.user.id === request.params['userId']
              ? { ...p, expiresAt: null, untilConsultEnds: false }
              : p,
          );
          return participants.find((p) => p.user.id === request.params['userId']) ?? {};
        }),
      'DELETE /api/conversations/:id/participants/:userId':
        overrides.remove ??
        ((request) => {
          participants = participants.filter((p) => p.user.id !== request.params['userId']);
          return jsonResponse(204, null);
        }),
    },
    me,
  );
}

describe('Participants', () => {
  it('lets the owner keep a specialist in after the consult, shown with when access ends', async () => {
    const { user, network } = await renderInbox(THREAD, participantsApi());
    const participants = await screen.findByTestId('participants');

    await user.click(within(participants).getByRole('button', { name: 'Sven Sales, pulled in' }));
    const menu = screen.getByRole('group', { name: 'Options for Sven Sales' });
    // A time today shows as the time alone, one on another day (90 minutes from a late evening) with
    // its date.
    const at = new Date(SVEN_UNTIL);
    const today = at.toDateString() === new Date().toDateString();
    const until = new Intl.DateTimeFormat(
      'en',
      today ? { hour: '2-digit', minute: '2-digit' } : { dateStyle: 'short', timeStyle: 'short' },
    ).format(at);
    expect(within(menu).getByTestId('participant-access')).toHaveTextContent(
      `Access until ${until}`,
    );
    const fetchedBefore = network.to(PARTICIPANTS).length;

    await user.click(within(menu).getByRole('button', { name: 'Keep in' }));

    await waitFor(() =>
      expect(network.to(`${PARTICIPANTS}/${SVEN_REF.id}/keep`).map((r) => r.method)).toEqual([
        'POST',
      ]),
    );
    // Kept for good: no end to show, nothing left to keep; and the list is fetched again.
    await waitFor(() =>
      expect(within(menu).queryByRole('button', { name: 'Keep in' })).not.toBeInTheDocument(),
    );
    expect(within(menu).queryByTestId('participant-access')).not.toBeInTheDocument();
    await waitFor(() => expect(network.to(PARTICIPANTS).length).toBeGreaterThan(fetchedBefore));
  });

  it('offers to keep in a specialist whose consult is still open', async () => {
    const clara = { id: 'c1a7a000-0000-4000-8000-000000000001', name: 'Clara Consult' };
    const { user, network } = await renderInbox(
      THREAD,
      participantsApi(ANNA_REF, ANNA, {
        extra: [{ user: clara, via: 'consult', expiresAt: null, untilConsultEnds: true }],
      }),
    );
    const participants = await screen.findByTestId('participants');
    await user.click(
      within(participants).getByRole('button', { name: 'Clara Consult, pulled in' }),
    );
    const menu = screen.getByRole('group', { name: 'Options for Clara Consult' });
    expect(within(menu).getByTestId('participant-access')).toHaveTextContent(
      'Access while the consult is open, then for the grace period',
    );
    await user.click(within(menu).getByRole('button', { name: 'Keep in' }));
    await waitFor(() =>
      expect(network.to(`${PARTICIPANTS}/${clara.id}/keep`).map((r) => r.method)).toEqual(['POST']),
    );
  });

  it('lets the owner remove someone pulled in (DELETE), who then disappears', async () => {
    const { user, network } = await renderInbox(THREAD, participantsApi());
    const participants = await screen.findByTestId('participants');

    await user.click(within(participants).getByRole('button', { name: 'Ben Busy, mentioned' }));
    const menu = screen.getByRole('group', { name: 'Options for Ben Busy' });
    // No end to their access: nothing to keep.
    expect(within(menu).queryByRole('button', { name: 'Keep in' })).not.toBeInTheDocument();

    await user.click(within(menu).getByRole('button', { name: 'Remove' }));

    await waitFor(() =>
      expect(network.to(`${PARTICIPANTS}/${BEN_REF.id}`).map((r) => r.method)).toEqual(['DELETE']),
    );
    await waitFor(() =>
      expect(
        within(participants)
          .getAllByRole('img')
          .map((img) => img.getAttribute('aria-label')),
      ).toEqual(['Sven Sales, pulled in']),
    );
  });

  it('closes the options with Escape', async () => {
    const { user } = await renderInbox(THREAD, participantsApi());
    const participants = await screen.findByTestId('participants');
    const toggle = within(participants).getByRole('button', { name: 'Sven Sales, pulled in' });
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await user.keyboard('{Escape}');
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('group', { name: 'Options for Sven Sales' })).not.toBeInTheDocument();
  });

  it('says what the API refused', async () => {
    const { user } = await renderInbox(
      THREAD,
      participantsApi(ANNA_REF, ANNA, {
        keep: () => apiError(403, 'handoffs.forbidden', 'Only the owner may keep someone in'),
      }),
    );
    const participants = await screen.findByTestId('participants');
    await user.click(within(participants).getByRole('button', { name: 'Sven Sales, pulled in' }));
    await user.click(screen.getByRole('button', { name: 'Keep in' }));
    expect(await screen.findByTestId('participant-error')).toHaveTextContent(
      'Only the owner may keep someone in',
    );
  });

  it('offers nothing to manage to an agent who does not own the conversation', async () => {
    await renderInbox(THREAD, participantsApi(BEN_REF));
    const participants = await screen.findByTestId('participants');
    expect(
      within(participants)
        .getAllByRole('img')
        .map((img) => img.getAttribute('aria-label')),
    ).toEqual(['Sven Sales, pulled in']);
    expect(within(participants).queryByRole('button')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Keep in' })).not.toBeInTheDocument();
  });

  it("lets a supervisor manage who is pulled into someone else's conversation", async () => {
    const { user, network } = await renderInbox(
      THREAD,
      participantsApi(BEN_REF, userWithRole('supervisor')),
    );
    const participants = await screen.findByTestId('participants');
    await user.click(within(participants).getByRole('button', { name: 'Sven Sales, pulled in' }));
    await user.click(screen.getByRole('button', { name: 'Remove' }));
    await waitFor(() =>
      expect(network.to(`${PARTICIPANTS}/${SVEN_REF.id}`).map((r) => r.method)).toEqual(['DELETE']),
    );
  });
});
