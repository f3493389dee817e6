import { screen, within } from '@testing-library/react';
import type { MarkLeadRequest } from '@touchpoint/shared';
import { createI18n } from '../../../lib/i18n';
import { timelineEventText } from '../../inbox/format/timeline-event-text';
import { jsonResponse } from '../../../../test/fetch-mock';
import {
  ANNA_REF,
  SALES,
  SERVICE,
  directoryDto,
  handoffDto,
} from '../../../../test/handoff-fixtures';
import { inboxRoutes, renderInbox } from '../../../../test/inbox-app';
import {
  CONVERSATION_ID,
  conversationDto,
  conversationSummary,
  minutesAgo,
} from '../../../../test/inbox-fixtures';
import type { Routes } from '../../../../test/fake-api';

const THREAD = `/inbox/${CONVERSATION_ID}`;
const LEAD = `/api/conversations/${CONVERSATION_ID}/lead`;
const NOTE = 'Needs 40 office chairs by March, budget approved';

/** Anna owns the conversation; the API answers "mark as lead" with the handoff it stored. */
function ownedRoutes(overrides: Routes = {}): Routes {
  return inboxRoutes({
    'GET /api/conversations/:id': () => conversationDto({ owner: ANNA_REF }),
    'GET /api/directory': () => directoryDto(),
    'GET /api/conversations/:id/handoffs': () => [],
    'GET /api/conversations/:id/participants': () => [],
    'POST /api/conversations/:id/lead': (request) => {
      const body = request.body as MarkLeadRequest;
      return jsonResponse(
        201,
        handoffDto({
          kind: body.kind ?? 'consult',
          lead: true,
          note: body.note,
          team: body.teamId === SERVICE.id ? SERVICE : SALES,
        }),
      );
    },
    ...overrides,
  });
}

function posted(network: { to(path: string): { body: unknown }[] }): MarkLeadRequest[] {
  return network.to(LEAD).map((request) => request.body as MarkLeadRequest);
}

async function openDialog(routes: Routes = ownedRoutes()) {
  const app = await renderInbox(THREAD, routes);
  await app.user.click(await screen.findByRole('button', { name: 'More actions' }));
  await app.user.click(await screen.findByRole('menuitem', { name: 'Mark as lead' }));
  const dialog = await screen.findByRole('dialog', { name: 'Mark as lead' });
  await within(dialog).findByRole('option', { name: 'Sales (receives leads)' });
  return { ...app, dialog };
}

describe('Mark as lead', () => {
  it('sends a consult to the team that receives leads, with the qualification', async () => {
    const { user, dialog, network } = await openDialog();
    expect(within(dialog).getByLabelText('Team that receives the lead')).toHaveValue(SALES.id);

    await user.type(within(dialog).getByLabelText('Qualification'), 'Chairs?');
    await user.click(within(dialog).getByRole('button', { name: 'Mark as lead' }));
    expect(within(dialog).getByTestId('mark-lead-note-error')).toHaveTextContent(
      'Qualify the lead in at least 10 characters',
    );
    expect(posted(network)).toHaveLength(0);

    await user.clear(within(dialog).getByLabelText('Qualification'));
    await user.type(within(dialog).getByLabelText('Qualification'), NOTE);
    await user.click(within(dialog).getByRole('button', { name: 'Mark as lead' }));

    expect(await within(dialog).findByTestId('mark-lead-result')).toHaveTextContent(
      'Marked as lead: Sales is asked to consult.',
    );
    expect(posted(network)).toEqual([{ kind: 'consult', note: NOTE, teamId: SALES.id }]);
  });

  it('hands over to another team when picked', async () => {
    const { user, dialog, network } = await openDialog();
    await user.click(within(dialog).getByLabelText(/Transfer to sales/));
    await user.selectOptions(
      within(dialog).getByLabelText('Team that receives the lead'),
      'Service',
    );
    await user.type(within(dialog).getByLabelText('Qualification'), NOTE);
    await user.click(within(dialog).getByRole('button', { name: 'Mark as lead' }));

    expect(await within(dialog).findByTestId('mark-lead-result')).toHaveTextContent(
      'Marked as lead: Service is asked to take over.',
    );
    expect(posted(network)).toEqual([{ kind: 'transfer', note: NOTE, teamId: SERVICE.id }]);
  });

  it('shows the Lead badge in the thread and the list', async () => {
    await renderInbox(
      THREAD,
      ownedRoutes({
        'GET /api/conversations/:id': () =>
          conversationDto({ owner: ANNA_REF, leadAt: minutesAgo(2) }),
        'GET /api/conversations': () => ({
          items: [conversationSummary({ leadAt: minutesAgo(2) })],
          nextCursor: null,
        }),
      }),
    );
    const thread = await screen.findByTestId('thread-contact');
    expect(await within(thread).findByTestId('lead-badge')).toHaveTextContent('Lead');
    const item = await screen.findByTestId('conversation-item');
    expect(await within(item).findByTestId('lead-badge')).toHaveTextContent('Lead');
  });

  it('reads "marked as lead" on the timeline, in English and German', () => {
    const i18n = createI18n();
    const event = {
      id: 'e1',
      conversationId: CONVERSATION_ID,
      seq: 7,
      kind: 'conversation.marked_lead' as const,
      actor: ANNA_REF,
      data: { kind: 'transfer', team: { id: SALES.id, name: 'Sales' }, note: NOTE },
      createdAt: minutesAgo(1),
    };
    expect(timelineEventText(event, i18n.getFixedT('en'))).toBe(
      'Anna Agent marked this as a lead for Sales (transfer)',
    );
    expect(
      timelineEventText(
        { ...event, data: { kind: 'consult', team: { name: 'Sales' } } },
        i18n.getFixedT('de'),
      ),
    ).toBe('Anna Agent hat dies als Lead für Sales markiert (Hinzuziehen)');
  });
});
