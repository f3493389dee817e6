import { render, screen, waitFor, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import type { TeamDto, UpdateTeamRequest } from '@touchpoint/shared';
import { createI18n } from '../../../lib/i18n';
import { installApi, type Routes } from '../../../../test/fake-api';
import { signIn, userWithRole } from '../../../../test/fixtures';
import { renderApp } from '../../../../test/render-app';
import { CONVERSATION_ID, contactDto, conversationDto } from '../../../../test/inbox-fixtures';
import { inboxRoutes, renderInbox } from '../../../../test/inbox-app';
import { MarketingHoldBadge } from './MarketingHoldBadge';

const SINCE = '2026-12-07T09:30:00.000Z';
const CONVERSATIONS = [
  '4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
  '6a7b8c9d-0e1f-4a2b-9c3d-4e5f6a7b8c9d',
];

async function renderBadge(
  language: 'en' | 'de',
  hold: Parameters<typeof MarketingHoldBadge>[0]['hold'],
) {
  const i18n = createI18n();
  await i18n.changeLanguage(language);
  return render(
    <I18nextProvider i18n={i18n}>
      <MarketingHoldBadge hold={hold} />
    </I18nextProvider>,
  );
}

describe('the marketing hold badge', () => {
  it('says since when the customer is on hold, and why in its tooltip', async () => {
    await renderBadge('en', { since: SINCE, conversationIds: CONVERSATIONS });
    const badge = screen.getByTestId('marketing-hold');
    const date = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(
      new Date(SINCE),
    );
    expect(badge).toHaveTextContent(`On hold for marketing since ${date}`);
    expect(badge).toHaveAttribute(
      'title',
      'No marketing while this customer has an unresolved support conversation (2 conversations hold them). It ends by itself once they are resolved.',
    );
    expect(within(badge).getByText(`On hold for marketing since ${date}`)).toHaveAttribute(
      'datetime',
      SINCE,
    );
  });

  it('speaks German, with one conversation', async () => {
    await renderBadge('de', { since: SINCE, conversationIds: CONVERSATIONS.slice(0, 1) });
    const badge = screen.getByTestId('marketing-hold');
    const date = new Intl.DateTimeFormat('de', { dateStyle: 'medium', timeStyle: 'short' }).format(
      new Date(SINCE),
    );
    expect(badge).toHaveTextContent(`Marketing-Stopp seit ${date}`);
    expect(badge.getAttribute('title')).toContain('(1 Konversation hält den Stopp)');
  });

  it('shows in the contact panel beside the conversation', async () => {
    const contact = contactDto({
      marketingHold: { since: SINCE, conversationIds: [CONVERSATION_ID] },
    });
    await renderInbox(
      `/inbox/${CONVERSATION_ID}`,
      inboxRoutes({
        'GET /api/conversations/:id': () => conversationDto({ contactDetails: contact }),
        'GET /api/contacts/:id': () => contact,
      }),
    );
    const panel = await screen.findByTestId('contact-panel');
    expect(within(panel).getByTestId('marketing-hold')).toHaveTextContent(
      'On hold for marketing since',
    );
  });

  it('shows nothing while there is no hold', async () => {
    const { container } = await renderBadge('en', null);
    expect(container).toBeEmptyDOMElement();
  });
});

const SERVICE: TeamDto = {
  id: '0c7e5f3a-1b2c-4d5e-8f90-a1b2c3d4e5f6',
  name: 'Service',
  description: '',
  consultAcceptSeconds: 900,
  consultAnswerSeconds: 7200,
  participantGraceSeconds: 3600,
  specialistsMayReply: false,
  fallbackTeamId: null,
  autoAssign: false,
  maxOpenPerAgent: 10,
  receivesLeads: false,
  holdsMarketing: 'open_and_pending',
  members: [],
  createdAt: '2025-01-01T00:00:00.000Z',
};

describe("a team's marketing stop setting", () => {
  function teamRoutes(): Routes {
    let team = SERVICE;
    return {
      'GET /api/me': () => userWithRole('admin'),
      'GET /api/teams': () => [team],
      'PATCH /api/teams/:id': (request) => {
        team = { ...team, ...(request.body as UpdateTeamRequest) } as TeamDto;
        return team;
      },
    };
  }

  it('shows which conversations hold their customers, and saves only that change', async () => {
    signIn();
    const network = installApi(teamRoutes());
    const { user } = renderApp('/settings');
    await screen.findByTestId('team-form');

    const select = screen.getByRole('combobox', {
      name: 'Customers are on hold for marketing while a conversation of this team is',
    });
    expect(select).toHaveValue('open_and_pending');
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Open or pending', 'Open', 'Never (e.g. sales conversations)']);
    expect(select).toHaveAccessibleDescription(
      expect.stringContaining('GET /api/marketing/suppressions'),
    );

    await user.selectOptions(select, 'none');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    await screen.findByTestId('team-form-saved');
    const patches = () =>
      network.to(`/api/teams/${SERVICE.id}`).filter((request) => request.method === 'PATCH');
    await waitFor(() => expect(patches()).toHaveLength(1));
    expect(patches()[0]?.body).toEqual({ holdsMarketing: 'none' });
    expect(select).toHaveValue('none');
  });
});
