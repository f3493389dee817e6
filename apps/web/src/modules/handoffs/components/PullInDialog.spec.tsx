import { screen, waitFor, within } from '@testing-library/react';
import type { CreateHandoffRequest } from '@touchpoint/shared';
import { apiError, jsonResponse } from '../../../../test/fetch-mock';
import { userWithRole } from '../../../../test/fixtures';
import {
  ANNA_REF,
  BEN_REF,
  SALES,
  SVEN_REF,
  directoryDto,
  handoffDto,
} from '../../../../test/handoff-fixtures';
import { inboxRoutes, renderInbox } from '../../../../test/inbox-app';
import { CONVERSATION_ID, conversationDto } from '../../../../test/inbox-fixtures';
import type { Routes } from '../../../../test/fake-api';

const THREAD = `/inbox/${CONVERSATION_ID}`;
const HANDOFFS = `/api/conversations/${CONVERSATION_ID}/handoffs`;
const NOTE = 'Customer wants 20 chairs with 10% off; I promised an answer by Friday.';

/** Anna owns the conversation; the API answers a pull-in with the handoff it stored. */
function ownedRoutes(overrides: Routes = {}): Routes {
  return inboxRoutes({
    'GET /api/conversations/:id': () => conversationDto({ owner: ANNA_REF }),
    'GET /api/directory': () => directoryDto(),
    'GET /api/conversations/:id/handoffs': () => [],
    'GET /api/conversations/:id/participants': () => [],
    'POST /api/conversations/:id/handoffs': (request) => {
      const body = request.body as CreateHandoffRequest;
      return jsonResponse(
        201,
        handoffDto({
          kind: body.kind,
          note: body.note,
          team: body.teamId ? SALES : null,
          assignee: body.userId ? SVEN_REF : null,
        }),
      );
    },
    ...overrides,
  });
}

function posted(network: { to(path: string): { body: unknown }[] }): CreateHandoffRequest[] {
  return network.to(HANDOFFS).map((request) => request.body as CreateHandoffRequest);
}

async function openDialog(routes: Routes = ownedRoutes()) {
  const app = await renderInbox(THREAD, routes);
  await app.user.click(await screen.findByRole('button', { name: 'Pull in' }));
  const dialog = await screen.findByRole('dialog', { name: 'Pull in a team or a person' });
  await within(dialog).findByRole('option', { name: 'Sales' });
  return { ...app, dialog };
}

describe('Pull in', () => {
  it('blocks a summary shorter than the schema allows, and sends nothing', async () => {
    const { user, dialog, network } = await openDialog();
    await user.selectOptions(within(dialog).getByLabelText('Team to ask'), 'Sales');
    await user.type(within(dialog).getByLabelText('Summary of the case'), 'Chairs?');

    await user.click(within(dialog).getByRole('button', { name: 'Ask for help' }));

    expect(within(dialog).getByTestId('pull-in-note-error')).toHaveTextContent(
      'Summarise the case in at least 10 characters',
    );
    expect(within(dialog).getByLabelText('Summary of the case')).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    expect(posted(network)).toHaveLength(0);

    // Whitespace does not count, as in the schema.
    await user.type(within(dialog).getByLabelText('Summary of the case'), '          ');
    await user.click(within(dialog).getByRole('button', { name: 'Ask for help' }));
    expect(posted(network)).toHaveLength(0);
  });

  it('asks for a target before sending', async () => {
    const { user, dialog, network } = await openDialog();
    await user.type(within(dialog).getByLabelText('Summary of the case'), NOTE);

    await user.click(within(dialog).getByRole('button', { name: 'Ask for help' }));

    expect(within(dialog).getByText('Choose a team or a person.')).toBeInTheDocument();
    expect(posted(network)).toHaveLength(0);
  });

  it('names the missing target on the select itself, for screen readers', async () => {
    const { user, dialog } = await openDialog();
    await user.type(within(dialog).getByLabelText('Summary of the case'), NOTE);
    await user.click(within(dialog).getByRole('button', { name: 'Ask for help' }));

    const select = within(dialog).getByLabelText('Team to ask');
    expect(select).toHaveAttribute('aria-invalid', 'true');
    expect(select).toHaveAccessibleDescription('Choose a team or a person.');
  });

  it("says when the teams and people can't be loaded, and loads them again on request", async () => {
    let failing = true;
    const app = await renderInbox(
      THREAD,
      ownedRoutes({
        'GET /api/directory': () =>
          failing ? apiError(403, 'forbidden', 'Not allowed') : directoryDto(),
      }),
    );
    await app.user.click(await screen.findByRole('button', { name: 'Pull in' }));
    const dialog = await screen.findByRole('dialog', { name: 'Pull in a team or a person' });
    expect(
      await within(dialog).findByText("The teams and people couldn't be loaded."),
    ).toBeInTheDocument();
    expect(within(dialog).queryByLabelText('Team to ask')).not.toBeInTheDocument();

    failing = false;
    await app.user.click(within(dialog).getByRole('button', { name: 'Try again' }));
    expect(await within(dialog).findByRole('option', { name: 'Sales' })).toBeInTheDocument();
  });

  it('consults a team: sends kind, teamId and the summary, and says who was asked', async () => {
    const { user, dialog, network } = await openDialog();
    expect(within(dialog).getByRole('radio', { name: /Consult/ })).toBeChecked();
    expect(within(dialog).getByText(/You stay the owner/)).toBeInTheDocument();
    expect(within(dialog).getByText(/What does the customer want\?/)).toBeInTheDocument();

    await user.selectOptions(within(dialog).getByLabelText('Team to ask'), 'Sales');
    await user.type(within(dialog).getByLabelText('Summary of the case'), NOTE);
    await user.click(within(dialog).getByRole('button', { name: 'Ask for help' }));

    await waitFor(() => expect(posted(network)).toHaveLength(1));
    expect(posted(network)[0]).toEqual({ kind: 'consult', teamId: SALES.id, note: NOTE });
    expect(await screen.findByTestId('pull-in-result')).toHaveTextContent(
      'Sales has been asked for help.',
    );
  });

  it('transfers to a person: sends userId and no teamId, explained as moving ownership', async () => {
    const { user, dialog, network } = await openDialog();
    await user.click(within(dialog).getByRole('radio', { name: /Transfer/ }));
    expect(within(dialog).getByText(/Ownership moves to whoever accepts/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('radio', { name: 'Person' }));
    const people = within(within(dialog).getByLabelText('Person to ask'))
      .getAllByRole('option')
      .map((option) => option.textContent);
    // Not oneself: the owner cannot hand over to themselves.
    expect(people).toEqual(['Choose a person…', 'Ben Busy (Service)', 'Sven Sales (Sales)']);

    await user.selectOptions(within(dialog).getByLabelText('Person to ask'), 'Sven Sales (Sales)');
    await user.type(within(dialog).getByLabelText('Summary of the case'), NOTE);
    await user.click(within(dialog).getByRole('button', { name: 'Request transfer' }));

    await waitFor(() => expect(posted(network)).toHaveLength(1));
    expect(posted(network)[0]).toEqual({ kind: 'transfer', userId: SVEN_REF.id, note: NOTE });
    expect(await screen.findByTestId('pull-in-result')).toHaveTextContent(
      'Sven Sales has been asked to take over. You stay the owner until they accept.',
    );
  });

  it("shows the API's reason when it refuses (409: an open consult exists)", async () => {
    const { user, dialog } = await openDialog(
      ownedRoutes({
        'POST /api/conversations/:id/handoffs': () =>
          apiError(409, 'handoffs.wrong_state', 'An open consult to Sales exists already'),
      }),
    );
    await user.selectOptions(within(dialog).getByLabelText('Team to ask'), 'Sales');
    await user.type(within(dialog).getByLabelText('Summary of the case'), NOTE);
    await user.click(within(dialog).getByRole('button', { name: 'Ask for help' }));

    expect(await within(dialog).findByTestId('pull-in-error')).toHaveTextContent(
      'An open consult to Sales exists already',
    );
  });

  it('closes on Escape and gives the focus back to the button', async () => {
    const { user } = await openDialog();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Pull in' })).toHaveFocus();
  });

  it('is offered to the owner and supervisors, not to another agent', async () => {
    await renderInbox(
      THREAD,
      ownedRoutes({ 'GET /api/conversations/:id': () => conversationDto({ owner: BEN_REF }) }),
    );
    expect(await screen.findByTestId('conversation-owner')).toHaveTextContent('Ben Busy');
    expect(screen.queryByRole('button', { name: 'Pull in' })).not.toBeInTheDocument();
  });

  it('lets a supervisor pull in on a conversation someone else owns', async () => {
    await renderInbox(
      THREAD,
      inboxRoutes(
        { 'GET /api/conversations/:id': () => conversationDto({ owner: BEN_REF }) },
        userWithRole('supervisor'),
      ),
    );
    expect(await screen.findByRole('button', { name: 'Pull in' })).toBeInTheDocument();
  });

  describe('forced transfer', () => {
    const FORCE = 'Transfer immediately (without waiting for acceptance)';
    /** Ben owns the conversation; a supervisor (or an agent) looks at it. */
    const asRole = (role: 'agent' | 'supervisor' | 'admin', owner = BEN_REF) =>
      inboxRoutes(
        {
          ...ownedRoutes(),
          'GET /api/me': () => userWithRole(role),
          'GET /api/conversations/:id': () => conversationDto({ owner }),
        },
        userWithRole(role),
      );

    it('lets a supervisor transfer at once: the checkbox only for a transfer, sending force', async () => {
      const { user, dialog, network } = await openDialog(asRole('supervisor'));
      expect(within(dialog).queryByRole('checkbox', { name: FORCE })).not.toBeInTheDocument();

      await user.click(within(dialog).getByRole('radio', { name: /Transfer/ }));
      const force = within(dialog).getByRole('checkbox', { name: FORCE });
      expect(force).not.toBeChecked();
      await user.click(force);
      await user.click(within(dialog).getByRole('radio', { name: 'Person' }));
      await user.selectOptions(
        within(dialog).getByLabelText('Person to ask'),
        'Sven Sales (Sales)',
      );
      await user.type(within(dialog).getByLabelText('Summary of the case'), NOTE);
      await user.click(within(dialog).getByRole('button', { name: 'Transfer now' }));

      await waitFor(() => expect(posted(network)).toHaveLength(1));
      expect(posted(network)[0]).toEqual({
        kind: 'transfer',
        userId: SVEN_REF.id,
        note: NOTE,
        force: true,
      });
      expect(await screen.findByTestId('pull-in-result')).toHaveTextContent(
        'Sven Sales owns the conversation now.',
      );
    });

    it('sends no force when the supervisor leaves it unticked, or goes back to a consult', async () => {
      const { user, dialog, network } = await openDialog(asRole('admin'));
      await user.click(within(dialog).getByRole('radio', { name: /Transfer/ }));
      await user.click(within(dialog).getByRole('checkbox', { name: FORCE }));
      // Ticked, then a consult after all: a consult cannot be forced.
      await user.click(within(dialog).getByRole('radio', { name: /Consult/ }));
      expect(within(dialog).queryByRole('checkbox', { name: FORCE })).not.toBeInTheDocument();
      await user.selectOptions(within(dialog).getByLabelText('Team to ask'), 'Sales');
      await user.type(within(dialog).getByLabelText('Summary of the case'), NOTE);
      await user.click(within(dialog).getByRole('button', { name: 'Ask for help' }));

      await waitFor(() => expect(posted(network)).toHaveLength(1));
      expect(posted(network)[0]).toEqual({ kind: 'consult', teamId: SALES.id, note: NOTE });
    });

    it('is not offered to an agent, even the owner', async () => {
      const { user, dialog } = await openDialog(asRole('agent', ANNA_REF));
      await user.click(within(dialog).getByRole('radio', { name: /Transfer/ }));
      expect(within(dialog).queryByRole('checkbox')).not.toBeInTheDocument();
      expect(within(dialog).getByRole('button', { name: 'Request transfer' })).toBeInTheDocument();
    });
  });

  it('shows who is pulled in beside the owner', async () => {
    await renderInbox(
      THREAD,
      ownedRoutes({
        'GET /api/conversations/:id/participants': () => [
          { user: ANNA_REF, via: 'owner', expiresAt: null, untilConsultEnds: false },
          { user: SVEN_REF, via: 'consult', expiresAt: null, untilConsultEnds: true },
        ],
      }),
    );
    const participants = await screen.findByTestId('participants');
    expect(
      within(participants)
        .getAllByRole('img')
        .map((img) => img.getAttribute('aria-label')),
    ).toEqual(['Sven Sales, pulled in']);
  });
});
