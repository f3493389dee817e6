import { screen, waitFor, within } from '@testing-library/react';
import type { HandoffDto } from '@touchpoint/shared';
import { apiError } from '../../../../test/fetch-mock';
import {
  ANNA_REF,
  BEN_REF,
  SERVICE,
  SALES,
  handoffDto,
  minutesFromNow,
} from '../../../../test/handoff-fixtures';
import { inboxRoutes, renderInbox, timelineOf } from '../../../../test/inbox-app';
import {
  CONVERSATION_ID,
  conversationDto,
  entries,
  eventDto,
  messageDto,
  minutesAgo,
} from '../../../../test/inbox-fixtures';
import type { Routes } from '../../../../test/fake-api';

const THREAD = `/inbox/${CONVERSATION_ID}`;

/** A timeline whose seq 2 is the request of `handoff`, and the API that knows it. */
function threadWith(
  handoff: HandoffDto,
  overrides: Routes = {},
  data: Record<string, unknown> = {},
): Routes {
  const requested = eventDto({
    seq: 2,
    kind: 'handoff.requested',
    actor: handoff.requestedBy,
    data: {
      handoffId: handoff.id,
      kind: handoff.kind,
      note: handoff.note,
      team: handoff.team,
      user: handoff.team ? null : handoff.assignee,
      ...data,
    },
  });
  return inboxRoutes({
    'GET /api/conversations/:id': () => conversationDto({ owner: BEN_REF }),
    'GET /api/conversations/:id/timeline': timelineOf(entries(messageDto({ seq: 1 }), requested)),
    'GET /api/conversations/:id/handoffs': () => [handoff],
    'GET /api/conversations/:id/participants': () => [],
    ...overrides,
  });
}

async function openCard(routes: Routes) {
  const app = await renderInbox(THREAD, routes);
  const card = await screen.findByTestId('handoff-card');
  await waitFor(() => expect(card).toHaveAttribute('data-status'));
  return { ...app, card };
}

function buttonNames(card: HTMLElement): string[] {
  const actions = within(card).queryByTestId('handoff-actions');
  if (!actions) return [];
  return within(actions)
    .getAllByRole('button')
    .map((button) => button.textContent ?? '');
}

/** Ben (the owner) asked Service, Anna's team. */
const FOR_MY_TEAM = handoffDto({ team: SERVICE, requestedBy: BEN_REF });

describe('Handoff card in the timeline', () => {
  it('shows kind, target, pinned note, state and the deadline of the request', async () => {
    const { card } = await openCard(threadWith(FOR_MY_TEAM));

    expect(card).toHaveAccessibleName('Consult: Service');
    expect(within(card).getByTestId('handoff-status')).toHaveTextContent('Requested');
    expect(within(card).getByText('Requested by Ben Busy')).toBeInTheDocument();
    expect(within(card).getByTestId('handoff-note')).toHaveTextContent(
      'Customer wants 20 chairs with a 10% discount',
    );
    expect(within(card).getByTestId('handoff-sla')).toHaveTextContent('Accept within 12 min');
    expect(within(card).getByTestId('handoff-sla')).toHaveAttribute('data-overdue', 'false');
    expect(within(card).queryByTestId('handoff-breached')).not.toBeInTheDocument();
  });

  it('says when the team was asked because the customer wrote through its channel', async () => {
    const asked = handoffDto({
      team: SALES,
      requestedBy: BEN_REF,
      note: 'Angebotsanfrage: Ein Angebot für 20 Tische, bitte.',
    });
    const { card } = await openCard(threadWith(asked, {}, { automatic: true }));
    expect(card).toHaveTextContent(
      `Asked for ${BEN_REF.name}: the customer wrote through this team’s channel`,
    );
    expect(within(card).getByTestId('handoff-note')).toHaveTextContent(
      'What the customer wroteAngebotsanfrage: Ein Angebot für 20 Tische, bitte.',
    );
    expect(card).not.toHaveTextContent('Requested by');
  });

  it('shows an overdue deadline in red, and the breach', async () => {
    const { card } = await openCard(
      threadWith({ ...FOR_MY_TEAM, acceptDueAt: minutesAgo(5), breached: true }),
    );
    const sla = within(card).getByTestId('handoff-sla');
    expect(sla).toHaveTextContent('Acceptance overdue by 5 min');
    expect(sla).toHaveAttribute('data-overdue', 'true');
    expect(sla).toHaveClass('tp-sla--overdue');
    expect(within(card).getByTestId('handoff-breached')).toHaveTextContent('SLA breached');
  });

  it('a member of the asked team may accept or decline, and Accept asks the API', async () => {
    const accepted = {
      ...FOR_MY_TEAM,
      status: 'accepted' as const,
      assignee: ANNA_REF,
      acceptedAt: minutesAgo(0),
      answerDueAt: minutesFromNow(120.5),
    };
    const { card, user, network } = await openCard(
      threadWith(FOR_MY_TEAM, { 'POST /api/handoffs/:id/accept': () => accepted }),
    );
    expect(buttonNames(card)).toEqual(['Accept', 'Decline']);

    await user.click(within(card).getByRole('button', { name: 'Accept' }));

    await waitFor(() =>
      expect(within(card).getByTestId('handoff-status')).toHaveTextContent('Accepted'),
    );
    expect(network.to(`/api/handoffs/${FOR_MY_TEAM.id}/accept`)).toHaveLength(1);
    expect(network.to(`/api/handoffs/${FOR_MY_TEAM.id}/accept`)[0]?.method).toBe('POST');
    expect(
      within(card).getByText('Anna Agent accepted and is looking into it'),
    ).toBeInTheDocument();
    expect(within(card).getByTestId('handoff-sla')).toHaveTextContent('Answer within 2 h');
    // Now hers: the next step is to complete it.
    expect(buttonNames(card)).toEqual(['Complete']);
  });

  it('says who was faster when the accept comes too late (409)', async () => {
    let acceptedByBen = false;
    const { card, user } = await openCard(
      threadWith(FOR_MY_TEAM, {
        'POST /api/handoffs/:id/accept': () => {
          acceptedByBen = true;
          return apiError(409, 'handoffs.wrong_state', 'Ben Busy accepted this consult already');
        },
        'GET /api/conversations/:id/handoffs': () => [
          acceptedByBen
            ? { ...FOR_MY_TEAM, status: 'accepted', assignee: { id: 'x', name: 'Carl Colleague' } }
            : FOR_MY_TEAM,
        ],
      }),
    );

    await user.click(within(card).getByRole('button', { name: 'Accept' }));

    expect(await within(card).findByTestId('handoff-error')).toHaveTextContent(
      'Ben Busy accepted this consult already',
    );
    // The card catches up with what happened.
    await waitFor(() =>
      expect(within(card).getByTestId('handoff-status')).toHaveTextContent('Accepted'),
    );
    expect(within(card).queryByRole('button', { name: 'Accept' })).not.toBeInTheDocument();
  });

  it('declines with a reason, and not without one', async () => {
    const { card, user, network } = await openCard(
      threadWith(FOR_MY_TEAM, {
        'POST /api/handoffs/:id/decline': (request) => ({
          ...FOR_MY_TEAM,
          status: 'declined',
          declineReason: (request.body as { reason: string }).reason,
        }),
      }),
    );
    const declines = () => network.to(`/api/handoffs/${FOR_MY_TEAM.id}/decline`);
    await user.click(within(card).getByRole('button', { name: 'Decline' }));
    await user.click(within(card).getByRole('button', { name: 'Decline' }));
    expect(within(card).getByText(/Say briefly why/)).toBeInTheDocument();
    expect(declines()).toHaveLength(0);

    await user.type(within(card).getByLabelText("Why can't you take it?"), 'Not our product line');
    await user.click(within(card).getByRole('button', { name: 'Decline' }));

    await waitFor(() => expect(declines()).toHaveLength(1));
    expect(declines()[0]?.body).toEqual({ reason: 'Not our product line' });
    expect(await within(card).findByText('Declined: Not our product line')).toBeInTheDocument();
    expect(buttonNames(card)).toEqual([]);
  });

  it('the accepter completes it with a summary, which the card then shows', async () => {
    const mine = handoffDto({
      team: SERVICE,
      requestedBy: BEN_REF,
      status: 'accepted',
      assignee: ANNA_REF,
      answerDueAt: minutesFromNow(90),
    });
    const { card, user, network } = await openCard(
      threadWith(mine, {
        'POST /api/handoffs/:id/complete': (request) => ({
          ...mine,
          status: 'completed',
          summary: (request.body as { summary: string }).summary,
        }),
      }),
    );
    expect(buttonNames(card)).toEqual(['Complete']);

    await user.click(within(card).getByRole('button', { name: 'Complete' }));
    await user.type(
      within(card).getByLabelText('What did you find or answer?'),
      '10% is fine up to 25 chairs.',
    );
    await user.click(within(card).getByRole('button', { name: 'Complete' }));

    await waitFor(() =>
      expect(network.to(`/api/handoffs/${mine.id}/complete`)[0]?.body).toEqual({
        summary: '10% is fine up to 25 chairs.',
      }),
    );
    expect(await within(card).findByTestId('handoff-summary')).toHaveTextContent(
      'Answer from Anna Agent10% is fine up to 25 chairs.',
    );
    expect(within(card).getByTestId('handoff-status')).toHaveTextContent('Completed');
    expect(within(card).queryByTestId('handoff-sla')).not.toBeInTheDocument();
  });

  it('the requester may withdraw it, but not accept it', async () => {
    const asked = handoffDto({ team: SALES, requestedBy: ANNA_REF });
    const { card, user, network } = await openCard(
      threadWith(asked, {
        'GET /api/conversations/:id': () => conversationDto({ owner: ANNA_REF }),
        'POST /api/handoffs/:id/cancel': () => ({ ...asked, status: 'cancelled' }),
      }),
    );
    expect(buttonNames(card)).toEqual(['Withdraw']);

    await user.click(within(card).getByRole('button', { name: 'Withdraw' }));

    await waitFor(() =>
      expect(within(card).getByTestId('handoff-status')).toHaveTextContent('Cancelled'),
    );
    expect(network.to(`/api/handoffs/${asked.id}/cancel`)).toHaveLength(1);
    expect(buttonNames(card)).toEqual([]);
  });

  it('offers nothing to an agent outside the asked team', async () => {
    const { card } = await openCard(threadWith(handoffDto({ team: SALES, requestedBy: BEN_REF })));
    expect(within(card).getByTestId('handoff-status')).toHaveTextContent('Requested');
    expect(buttonNames(card)).toEqual([]);
  });
});
